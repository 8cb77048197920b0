using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Cli.Requests;

/// <summary>
/// What rendering a latents document means, for <c>kaleido render</c> and the server's <c>POST /v1/render</c> alike:
/// the seed, index and denoising settings come from the document unless overridden, and the document is recorded as
/// rendered (its seed, index and settings really used). One owner, so the two give the same bytes for the same document.
/// </summary>
public sealed record RenderPlan(LatentsDocument Document, ulong Seed, int Index, RenderSettings Settings)
{
    /// <summary>Values that replace the document's own; null keeps the document's (then the runtime's default).</summary>
    public sealed record Overrides
    {
        public static Overrides None { get; } = new();
        public ulong? Seed { get; init; }
        public int? Index { get; init; }
        public double? Guidance { get; init; }
        public int? Steps { get; init; }
        public string? Sampler { get; init; }
        public double? Eta { get; init; }
        public int? GuidanceCutoff { get; init; }
        public bool Truncate { get; init; }
    }

    /// <summary>The plan for <paramref name="document"/>; settings are checked by their owner (errors carry their keys).</summary>
    /// <param name="noSeed">The error when neither the document nor the overrides give a seed (each front end names its own fix).</param>
    /// <param name="indexName">How the front end spells the index, for its range error.</param>
    /// <exception cref="UserInputException">No seed, a negative index or a setting out of range.</exception>
    public static RenderPlan Of(LatentsDocument document, Overrides overrides, Func<Exception> noSeed, string indexName)
    {
        ulong seed = overrides.Seed ?? document.Seed ?? throw noSeed();
        int index = overrides.Index ?? document.Index ?? 0;
        if (index < 0)
            throw new UserInputException($"{indexName} is {index}; expected an integer >= 0.");
        SamplingSettings? sampling = document.Sampling;
        RenderSettings d = RenderSettings.Default;
        var settings = d with
        {
            Steps = overrides.Steps ?? sampling?.Steps ?? d.Steps,
            Sampler = overrides.Sampler ?? sampling?.Sampler ?? d.Sampler,
            Eta = overrides.Eta ?? sampling?.Eta ?? d.Eta,
            Guidance = (float)(overrides.Guidance ?? sampling?.Guidance ?? d.Guidance),
            // A document that records its sampler records its cutoff too, when it had one: none is the paper's 0.
            GuidanceCutoff = overrides.GuidanceCutoff ?? sampling?.GuidanceCutoff ?? (sampling?.Sampler is null ? d.GuidanceCutoff : 0),
            TruncateCaption = overrides.Truncate,
        };
        settings.Validate(GenerationSettings.MaxSteps);
        return new RenderPlan(AsRendered(document, seed, index, settings), seed, index, settings);
    }

    /// <summary>
    /// The document with what was really used. A seed given as an override is the image's own, so the base seed the
    /// document's seed came from no longer describes it and is dropped (unless it is the document's seed again).
    /// </summary>
    static LatentsDocument AsRendered(LatentsDocument document, ulong seed, int index, RenderSettings settings) => document with
    {
        Seed = seed,
        BaseSeed = seed == document.Seed ? document.BaseSeed : null,
        Index = index,
        Sampling = (document.Sampling ?? new SamplingSettings()) with
        {
            Steps = settings.Steps,
            Sampler = settings.Sampler,
            Guidance = settings.Guidance,
            GuidanceCutoff = settings.GuidanceCutoff == 0 ? null : settings.GuidanceCutoff,
            Eta = settings.Eta,
        },
    };
}
