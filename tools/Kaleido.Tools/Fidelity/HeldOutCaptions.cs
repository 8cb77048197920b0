using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Fidelity;

/// <summary>A held-out caption and its class.</summary>
public sealed record HeldOutCaption(string Caption, CaptionClass Class, CaptionFacts Facts);

/// <summary>
/// Captions of the dataset's grammar that training never saw: scene i of seed <see cref="DefaultSeed"/> is drawn and
/// captioned exactly as the dataset draws its images (<see cref="SceneSampler.Sample"/>, then <see cref="CaptionWriter.Write"/>
/// on the image's own <see cref="SceneRandom.ForImage"/> stream; nothing is rendered), i = 0, 1, 2, ...; a caption is kept
/// the first time it occurs, unless it is a prompt of the training manifest; each class takes the first ones until it
/// has its share. So the list depends only on the seed, the share and the excluded captions, and captions come in
/// rough order of how likely the grammar makes them.
/// </summary>
public static class HeldOutCaptions
{
    /// <summary>Far from the dataset's seed 1 (its training set); ForImage mixes the seed, so any other seed gives other scenes.</summary>
    public const ulong DefaultSeed = 13_013_013;

    /// <summary>
    /// Scenes drawn at most (about 40 s on 2 busy cores when a class never fills). The one-object class has only 196
    /// captions without a background, and 20,000 training images use most of them: about 16 are left (the report says how many).
    /// </summary>
    public const int DefaultMaxScenes = 200_000;

    public static IReadOnlyList<HeldOutCaption> Generate(int perClass, IEnumerable<string> exclude, ulong seed = DefaultSeed, int maxScenes = DefaultMaxScenes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        ArgumentNullException.ThrowIfNull(exclude);
        var excluded = exclude as IReadOnlySet<string> ?? exclude.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var taken = CaptionClassInfo.All.ToDictionary(c => c, _ => new List<HeldOutCaption>());
        for (int index = 0; index < maxScenes && taken.Values.Any(list => list.Count < perClass); index++)
        {
            SceneRandom random = SceneRandom.ForImage(seed, index);
            Scene scene = SceneSampler.Sample(random);
            string caption = CaptionWriter.Write(scene, random);
            if (!seen.Add(caption) || excluded.Contains(caption))
                continue;
            CaptionFacts facts = CaptionFacts.Parse(caption);
            CaptionClass captionClass = CaptionClassInfo.Classify(facts);
            if (taken[captionClass].Count < perClass)
                taken[captionClass].Add(new HeldOutCaption(caption, captionClass, facts));
        }
        return CaptionClassInfo.All.SelectMany(c => taken[c]).ToList();
    }

    /// <summary>Every prompt of a .jsonl of latents documents (a dataset manifest).</summary>
    public static HashSet<string> ReadPrompts(string manifestPath) =>
        LatentsManifest.Read(manifestPath).Select(entry => entry.Document.Prompt).ToHashSet(StringComparer.Ordinal);
}
