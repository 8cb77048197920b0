using CommandLine;

namespace Kaleido.Tools.Sweep;

/// <summary>Command-line settings of <c>kaleido-tools sweep</c>; <see cref="SweepSettings.From"/> validates them.</summary>
[Verb("sweep", HelpText = "Measure FID, precision/recall (k = 3) and attribute coverage of a Kaleido and a baseline model over guidance scales (the paper's Fig. 5).")]
public sealed class SweepOptions
{
    [Option("kaleido", Required = true, HelpText = "Kaleido model package folder.")]
    public string Kaleido { get; init; } = "";

    [Option("baseline", Required = true, HelpText = "Baseline model package folder.")]
    public string Baseline { get; init; } = "";

    [Option("features", Required = true, HelpText = "Feature network (features.onnx from kaleido-export evaluate-classifier).")]
    public string Features { get; init; } = "";

    [Option("real", Required = true, HelpText = "Shapes-dataset manifest: the real images, and the captions (its first N distinct prompts).")]
    public string Real { get; init; } = "";

    [Option("out", Required = true, HelpText = "Folder for results.json, results.md and results.png.")]
    public string Out { get; init; } = "";

    [Option("captions", Default = 8, HelpText = "Number of distinct captions, taken in manifest order.")]
    public int Captions { get; init; } = 8;

    [Option("samples-per-caption", Default = 4, HelpText = "Images per caption and cell (seeds: caption number, indices 0..N-1).")]
    public int SamplesPerCaption { get; init; } = 4;

    [Option("guidance", Default = "1,2,4,7", HelpText = "Comma-separated guidance scales w.")]
    public string Guidance { get; init; } = "1,2,4,7";

    [Option("steps", Default = 50, HelpText = "DDIM steps per image.")]
    public int Steps { get; init; } = 50;

    [Option("real-count", Default = 2000, HelpText = "At most this many real images (the manifest's first ones).")]
    public int RealCount { get; init; } = 2000;
}
