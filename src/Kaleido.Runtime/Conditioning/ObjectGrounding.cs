using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Conditioning;

/// <summary>
/// What region-masked conditioning (docs/grounding.md) needs from one set of latents: the latent tokens, the
/// object each token spells (or <see cref="Global"/>), and each object's box. A token belongs to an object when
/// its characters overlap that object's phrase-and-region span and no other's; every other token (the
/// description, the visual codes, the tail) stays attendable from everywhere. Training and the runtime both
/// build it here, from the runtime's own latents parser and tokenizer, so the regions match bit for bit.
/// </summary>
public sealed class ObjectGrounding
{
    /// <summary>The object index of a token every query cell may attend.</summary>
    public const int Global = -1;

    /// <summary>Values per object in a regions row: x1, y1, x2, y2 in [0, 1000].</summary>
    public const int RegionValues = GraphNames.Denoiser.RegionValues;

    ObjectGrounding(int[] latentTokens, int[] tokenObjects, BoundingBox[] boxes)
    {
        LatentTokens = latentTokens;
        TokenObjects = tokenObjects;
        Boxes = boxes;
    }

    /// <summary>z₁…zₙ, the tokens of the latents' canonical text (what <see cref="KaleidoTokenizer.Encode"/> gives).</summary>
    public IReadOnlyList<int> LatentTokens { get; }

    /// <summary>Per latent token: the index into <see cref="Boxes"/> of the object it spells, or <see cref="Global"/>.</summary>
    public IReadOnlyList<int> TokenObjects { get; }

    /// <summary>The placed objects' boxes, in the order the latents name them.</summary>
    public IReadOnlyList<BoundingBox> Boxes { get; }

    /// <summary>Tokenizes the latents' canonical text and finds the object each token spells.</summary>
    public static ObjectGrounding Locate(DiscreteLatents latents, KaleidoTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentNullException.ThrowIfNull(tokenizer);
        string text = latents.ToText();
        var (ids, spans) = tokenizer.EncodeWithSpans(text);
        IReadOnlyList<PlacedObject> objects = LatentsParser.LocateObjects(latents.Kind, text);
        var owners = new int[ids.Length];
        for (int i = 0; i < ids.Length; i++)
            owners[i] = Owner(spans[i], objects);
        return new ObjectGrounding(ids, owners, objects.Select(o => o.Box).ToArray());
    }

    /// <summary>
    /// Writes one conditioning row's token objects ([Lc + S]: the caption's Lc positions, then the decoder's
    /// [start, z₁…zₙ, pad…]) and its regions ([maxObjects × 4], unused objects zero). Caption, start and padding
    /// positions are <see cref="Global"/>; a null grounding (the unconditional row) is global everywhere.
    /// </summary>
    /// <exception cref="UserInputException">The latents place more objects than the model grounds.</exception>
    public static void WriteRow(ObjectGrounding? grounding, int captionLength, int maxObjects,
        Span<long> tokenObjects, Span<float> regions)
    {
        if (regions.Length != maxObjects * RegionValues || tokenObjects.Length < captionLength + 1)
            throw new ArgumentException($"Expected {maxObjects * RegionValues} region values and at least {captionLength + 1} token positions.");
        tokenObjects.Fill(Global);
        regions.Clear();
        if (grounding is null)
            return;
        if (grounding.Boxes.Count > maxObjects)
            throw new UserInputException(
                $"The latents place {grounding.Boxes.Count} objects; this model grounds at most {maxObjects}.");
        if (captionLength + 1 + grounding.TokenObjects.Count > tokenObjects.Length)
            throw new ArgumentException($"{grounding.TokenObjects.Count} latent tokens do not fit a row of {tokenObjects.Length} positions.");
        Span<long> latentPositions = tokenObjects.Slice(captionLength + 1, grounding.TokenObjects.Count); // after the start token
        for (int i = 0; i < latentPositions.Length; i++)
            latentPositions[i] = grounding.TokenObjects[i];
        for (int m = 0; m < grounding.Boxes.Count; m++)
        {
            BoundingBox box = grounding.Boxes[m];
            Span<float> row = regions.Slice(m * RegionValues, RegionValues);
            (row[0], row[1], row[2], row[3]) = (box.X1, box.Y1, box.X2, box.Y2);
        }
    }

    static int Owner((int Start, int End) span, IReadOnlyList<PlacedObject> objects)
    {
        int owner = Global;
        for (int m = 0; m < objects.Count; m++)
        {
            if (span.Start >= objects[m].End || span.End <= objects[m].Start)
                continue;
            if (owner != Global)
                return Global; // spans two objects: neither owns it
            owner = m;
        }
        return owner;
    }
}
