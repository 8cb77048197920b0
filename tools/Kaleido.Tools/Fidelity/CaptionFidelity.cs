using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Fidelity;

/// <summary>Why a draw is not faithful to its caption; the names are those the report prints.</summary>
public enum FidelityReason
{
    /// <summary>The prior gave no latents that parse within its attempts.</summary>
    Unparsed,
    /// <summary>The latents state no words to judge (voken latents).</summary>
    NoFacts,
    /// <summary>The latents state fewer objects than the caption names.</summary>
    MissingObject,
    /// <summary>The latents state more objects than the caption names (the caption names every object once).</summary>
    ExtraObject,
    /// <summary>A counted group ("two red circles") has some but too few objects with all its words.</summary>
    WrongCount,
    /// <summary>No object has a shape the caption names.</summary>
    MissingShape,
    /// <summary>The colour word is in the latents, but on an object without the group's other words ("red" on the square, not the circle).</summary>
    ColourBinding,
    /// <summary>No object has a colour the caption names.</summary>
    MissingColour,
    /// <summary>The size word is in the latents, but on an object without the group's other words.</summary>
    SizeBinding,
    /// <summary>No object has a size the caption names.</summary>
    MissingSize,
    /// <summary>The latents' background colour or style differs from the caption's (or the latents state none).</summary>
    WrongBackground,
}

public static class FidelityReasonNames
{
    public static string ToName(this FidelityReason reason) => reason switch
    {
        FidelityReason.Unparsed => "unparsed",
        FidelityReason.NoFacts => "no-facts",
        FidelityReason.MissingObject => "missing-object",
        FidelityReason.ExtraObject => "extra-object",
        FidelityReason.WrongCount => "wrong-count",
        FidelityReason.MissingShape => "missing-shape",
        FidelityReason.ColourBinding => "colour-binding",
        FidelityReason.MissingColour => "missing-colour",
        FidelityReason.SizeBinding => "size-binding",
        FidelityReason.MissingSize => "missing-size",
        FidelityReason.WrongBackground => "wrong-background",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a fidelity reason."),
    };
}

/// <summary>One problem of a draw: the reason and the words it is about.</summary>
public sealed record FidelityProblem(FidelityReason Reason, string Detail)
{
    public override string ToString() => $"{Reason.ToName()}: {Detail}";
}

/// <summary>The judgement of one draw; <see cref="Problems"/> is empty exactly when it is faithful, the first is the main reason.</summary>
public sealed record FidelityVerdict(IReadOnlyList<FidelityProblem> Problems)
{
    public bool Faithful => Problems.Count == 0;

    /// <summary>The main reason, or null when faithful.</summary>
    public FidelityReason? Reason => Problems.Count == 0 ? null : Problems[0].Reason;

    public static FidelityVerdict Unparsed(string why) => new([new FidelityProblem(FidelityReason.Unparsed, why)]);
}

/// <summary>
/// Judges whether latents are faithful to their caption (issue 13, "caption fidelity"): the latents must state exactly as
/// many objects as the caption names (CaptionWriter names each object once, see <see cref="CaptionFacts"/>), the
/// objects must be assignable one to one to the caption's groups so that each object carries every word of its group
/// (colour, size and shape bound to the same object; a dropped word constrains nothing), and a background colour or
/// style the caption names must be the latents' background.
/// </summary>
public static class CaptionFidelity
{
    /// <exception cref="FormatException">The caption is outside the dataset's grammar.</exception>
    public static FidelityVerdict Judge(string caption, DiscreteLatents latents)
    {
        ArgumentNullException.ThrowIfNull(latents);
        CaptionFacts facts = CaptionFacts.Parse(caption);
        return LatentFacts.From(latents) is { } stated
            ? Judge(facts, stated)
            : new FidelityVerdict([new FidelityProblem(FidelityReason.NoFacts, $"{latents.Kind.ToName()} latents state no objects in words")]);
    }

    public static FidelityVerdict Judge(CaptionFacts caption, LatentFacts latents)
    {
        ArgumentNullException.ThrowIfNull(caption);
        ArgumentNullException.ThrowIfNull(latents);
        var problems = new List<FidelityProblem>();
        IReadOnlyList<LatentObject> objects = latents.Objects;

        // 1. The number of objects: the caption's counts add up to the scene's.
        int named = caption.ObjectCount, stated = objects.Count;
        if (stated < named)
            problems.Add(new(FidelityReason.MissingObject, $"the caption names {named} objects, the latents state {stated}"));

        // 2. One object per slot of a group (a group of count n has n slots), each object carrying the group's words.
        var slots = caption.Groups.SelectMany(g => Enumerable.Repeat(g, g.Count)).ToArray();
        int[] objectOfSlot = MaxMatching(slots, objects);
        bool allSlotsFilled = objectOfSlot.All(o => o >= 0);
        if (stated > named && allSlotsFilled)
        {
            var spare = Enumerable.Range(0, stated).Where(i => !objectOfSlot.Contains(i)).Select(i => objects[i].Phrase);
            problems.Add(new(FidelityReason.ExtraObject, $"the caption names {named} objects, the latents state {stated} (also {string.Join(", ", spare)})"));
        }
        else if (stated > named)
        {
            problems.Add(new(FidelityReason.ExtraObject, $"the caption names {named} objects, the latents state {stated}"));
        }
        // The objects no group took: an unmatched group is diagnosed against them (all objects when none is left over).
        var leftOver = Enumerable.Range(0, stated).Where(i => !objectOfSlot.Contains(i)).Select(i => objects[i]).ToList();
        foreach (CaptionGroup group in slots.Where((_, slot) => objectOfSlot[slot] < 0).Distinct())
        {
            int found = slots.Where((g, slot) => g == group && objectOfSlot[slot] >= 0).Count();
            problems.Add(Diagnose(group, found, objects, leftOver.Count > 0 ? leftOver : objects));
        }

        // 3. The background words the caption keeps.
        if (caption.BackgroundColor is { } color && latents.BackgroundColor != color)
            problems.Add(new(FidelityReason.WrongBackground, $"the caption's background is {color}, the latents' {latents.BackgroundColor ?? "not stated"}"));
        if (caption.BackgroundStyle is { } style && latents.BackgroundStyle != style)
            problems.Add(new(FidelityReason.WrongBackground,
                $"the caption's background is {style.Adjective()}, the latents' {latents.BackgroundStyle?.Adjective() ?? "not stated"}"));
        return new FidelityVerdict(problems);
    }

    /// <summary>
    /// Why no object is left for <paramref name="group"/>: the first of its words that no object of <paramref name="pool"/>
    /// (the objects no group took; for the shape, all objects of that shape when every one is taken) carries together with
    /// the group's earlier words (shape, then colour, then size); a word on no object at all is missing, a word only on
    /// other objects is bound to the wrong one. A diagnosis: which group of
    /// a caption is left unmatched follows the caption's order; whether the draw is faithful does not.
    /// </summary>
    /// <param name="found">The group's slots the best matching filled (fewer than its count).</param>
    static FidelityProblem Diagnose(CaptionGroup group, int found, IReadOnlyList<LatentObject> objects, IReadOnlyList<LatentObject> pool)
    {
        string words = group.ToString();
        int fitting = objects.Count(group.Fits);
        string countDetail = $"'{words}': {found} of {group.Count} found ({fitting} objects carry its words"
                             + (fitting > found ? ", the others are needed by other groups)" : ")");
        if (group.Count > 1 && fitting > 0 && fitting < group.Count)
            return new(FidelityReason.WrongCount, countDetail);
        IEnumerable<LatentObject> candidates = pool;
        if (group.Shape is { } shape)
        {
            candidates = candidates.Where(o => o.Shape == shape).ToList();
            if (!candidates.Any())
            {
                // Every such shape is taken: judge the group's other words on those ("a large triangle and a green shape"
                // against a medium green triangle and a large cross: "large" is on the cross).
                candidates = objects.Where(o => o.Shape == shape).ToList();
                if (!candidates.Any())
                    return new(FidelityReason.MissingShape, $"'{words}': no {shape.Singular()} in the latents");
            }
        }
        if (group.Color is { } color
            && Unbound(ref candidates, objects, o => o.Color == color, words, color, FidelityReason.MissingColour, FidelityReason.ColourBinding)
                is { } colourProblem)
            return colourProblem;
        if (group.Size is { } size
            && Unbound(ref candidates, objects, o => o.Size == size, words, size.Name(), FidelityReason.MissingSize, FidelityReason.SizeBinding)
                is { } sizeProblem)
            return sizeProblem;
        // Its words are all on some object left over, yet the matching could not use it: too few such objects for the groups.
        return new(FidelityReason.WrongCount, countDetail);
    }

    /// <summary>
    /// Narrows <paramref name="candidates"/> to the objects that <paramref name="carries"/> one of the group's words; null
    /// while some are left, else the problem: <paramref name="missing"/> when no object at all carries the word,
    /// <paramref name="binding"/> (naming the objects that do) when it is only on other objects.
    /// </summary>
    static FidelityProblem? Unbound(ref IEnumerable<LatentObject> candidates, IReadOnlyList<LatentObject> objects,
        Func<LatentObject, bool> carries, string words, string word, FidelityReason missing, FidelityReason binding)
    {
        candidates = candidates.Where(carries).ToList();
        if (candidates.Any())
            return null;
        var carriers = objects.Where(carries).Select(o => o.Phrase).ToList();
        return carriers.Count == 0
            ? new(missing, $"'{words}': nothing {word} in the latents")
            : new(binding, $"'{words}': {word} is on the {string.Join(", ", carriers)}");
    }

    /// <summary>A maximum one-to-one matching of slots to objects that fit them (augmenting paths); -1 for an unfilled slot.</summary>
    static int[] MaxMatching(CaptionGroup[] slots, IReadOnlyList<LatentObject> objects)
    {
        int[] slotOfObject = Enumerable.Repeat(-1, objects.Count).ToArray();
        for (int slot = 0; slot < slots.Length; slot++)
            Augment(slot, new bool[objects.Count]);
        int[] objectOfSlot = Enumerable.Repeat(-1, slots.Length).ToArray();
        for (int o = 0; o < objects.Count; o++)
        {
            if (slotOfObject[o] >= 0)
                objectOfSlot[slotOfObject[o]] = o;
        }
        return objectOfSlot;

        bool Augment(int slot, bool[] seen)
        {
            for (int o = 0; o < objects.Count; o++)
            {
                if (seen[o] || !slots[slot].Fits(objects[o]))
                    continue;
                seen[o] = true;
                if (slotOfObject[o] < 0 || Augment(slotOfObject[o], seen))
                {
                    slotOfObject[o] = slot;
                    return true;
                }
            }
            return false;
        }
    }
}
