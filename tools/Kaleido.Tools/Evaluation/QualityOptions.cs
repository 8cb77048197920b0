using CommandLine;

namespace Kaleido.Tools.Evaluation;

/// <summary>Command-line settings of <c>kaleido-tools quality</c>.</summary>
[Verb("quality", HelpText = "Check a shapes model: sample latents and images for fixed captions and seeds, and measure how often each object named in the latents' boxes is found there (IoU >= 0.5).")]
public sealed class QualityOptions
{
    [Option("model", Required = true, HelpText = "Model package folder (a Kaleido model with bbox or combined latents).")]
    public string Model { get; init; } = "";

    [Option("captions", HelpText = "File with one caption per line (default: the 12 built-in captions).")]
    public string? Captions { get; init; }

    [Option("seeds", Default = 3, HelpText = "Seeds 0..N-1 per caption.")]
    public int Seeds { get; init; } = 3;

    [Option("steps", Default = 20, HelpText = "DDIM steps per image.")]
    public int Steps { get; init; } = 20;

    [Option("guidance", Default = 7.5f, HelpText = "Classifier-free guidance scale w.")]
    public float Guidance { get; init; } = 7.5f;

    [Option("latents", HelpText = "A .jsonl of latents documents (a dataset manifest works): render the first --count of them instead of sampling latents, which measures the denoiser alone. --captions and --seeds are then unused.")]
    public string? Latents { get; init; }

    [Option("count", Default = 36, HelpText = "With --latents: how many documents to render (seed 0, index = line number).")]
    public int Count { get; init; } = 36;

    [Option("json", HelpText = "Write the report as JSON instead of text.")]
    public bool Json { get; init; }
}
