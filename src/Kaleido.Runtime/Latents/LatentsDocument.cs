namespace Kaleido.Runtime.Latents;

/// <summary>
/// One image's latents as a file holds them: the per-image latents file of the CLI, the input of
/// <c>render</c>, and a record of a dataset manifest. JSON form and rules in docs/latents.md;
/// read and written by <see cref="LatentsDocumentReader"/> and <see cref="LatentsDocumentWriter"/>.
/// </summary>
public sealed record LatentsDocument
{
    /// <summary>The "format" field, so a stray JSON file is not mistaken for latents.</summary>
    public const string FormatName = "kaleido-latents";

    /// <summary>The "version" field this runtime reads and writes.</summary>
    public const int CurrentVersion = 1;

    public LatentsDocument(string prompt, DiscreteLatents latents)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(latents);
        Prompt = prompt;
        Latents = latents;
    }

    /// <summary>The condition c the latents were sampled for.</summary>
    public string Prompt { get; }

    /// <summary>The latents z; the file's "text" is their canonical text.</summary>
    public DiscreteLatents Latents { get; }

    public LatentKind Kind => Latents.Kind;

    /// <summary>The model package that sampled the latents (absent in dataset manifests).</summary>
    public string? ModelId { get; init; }

    /// <summary>The seed of the run (absent in dataset manifests).</summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// The base seed <see cref="Seed"/> was derived from (what <c>generate --seed</c> takes), when it was derived; the
    /// noise depends on <see cref="Seed"/> alone, so this is a record for the user, not an input of <c>render</c>.
    /// </summary>
    public ulong? BaseSeed { get; init; }

    /// <summary>Which image of the run, from 0 (absent in dataset manifests).</summary>
    public int? Index { get; init; }

    /// <summary>How the sample was drawn (absent in dataset manifests).</summary>
    public SamplingSettings? Sampling { get; init; }

    /// <summary>Dataset records: the image file, relative to the manifest.</summary>
    public string? ImagePath { get; init; }

    /// <summary>Null when the optional fields are usable, else the first bad field (JSON path) and its problem.</summary>
    public (string Field, string Problem)? FindProblem()
    {
        if (FreeText.FindProblem(Prompt) is { } prompt) return ("prompt", prompt);
        if (ModelId is { Length: 0 }) return ("modelId", "expected a non-empty model id but found \"\"");
        if (ModelId is not null && FreeText.FindProblem(ModelId) is { } modelId) return ("modelId", modelId);
        if (ImagePath is not null && FreeText.FindProblem(ImagePath) is { } imagePath) return ("imagePath", imagePath);
        if (Sampling?.Sampler is { } sampler && FreeText.FindProblem(sampler) is { } samplerProblem) return ("sampling.sampler", samplerProblem);
        if (Index is < 0) return ("index", $"expected an integer >= 0 but found {Index}");
        if (ImagePath is { Length: 0 }) return ("imagePath", "expected a non-empty path but found \"\"");
        if (Sampling?.FindProblem() is { } sampling) return ("sampling." + sampling.Field, sampling.Problem);
        return null;
    }
}
