using System.Text;
using Kaleido.Runtime.Latents;

namespace Kaleido.Fuzz.Targets;

/// <summary>
/// <see cref="LatentsParser"/> on the text a prior decodes. Byte 0 picks the kind (value % 5, in
/// <see cref="LatentKind"/> order) and the voken constraints ((value / 5) % 3: none, the codebook only as the
/// prior sampler checks it, or the codebook and an exact count); the rest is the text as UTF-8.
/// </summary>
/// <remarks>
/// An accepted text must also survive what the runtime does next: written canonically it parses back to the
/// same latents, and <see cref="LatentsParser.LocateObjects"/> reads it too.
/// </remarks>
public sealed class LatentsParserTarget : FuzzTarget
{
    public const string TargetName = "latents-parser";

    // models/kaleido-shapes: a 64-code codebook, 16 codes an image.
    static readonly VokenConstraints?[] Constraints = [null, new(codebookSize: 64), new(expectedCount: 16, codebookSize: 64)];

    public override string Name => TargetName;

    public override Type DocumentedException => typeof(LatentsFormatException);

    protected override void Read(byte[] input)
    {
        byte selector = input.Length > 0 ? input[0] : (byte)0;
        var kind = (LatentKind)(selector % 5);
        VokenConstraints? constraints = Constraints[selector / 5 % 3];
        string text = input.Length > 1 ? Encoding.UTF8.GetString(input, 1, input.Length - 1) : "";

        DiscreteLatents latents = LatentsParser.Parse(kind, text, constraints);

        string canonical = LatentsFormatter.Format(latents);
        DiscreteLatents again;
        try
        {
            again = LatentsParser.Parse(kind, canonical, constraints);
        }
        catch (LatentsFormatException e)
        {
            throw new FuzzFindingException($"{Name}: the canonical text of accepted {kind} latents does not parse: {e.Message}", e);
        }
        if (!again.Equals(latents))
            throw new FuzzFindingException($"{Name}: {kind} latents change when written canonically and read back ('{canonical}')");
        LatentsParser.LocateObjects(kind, text);
    }
}
