using CommandLine;

namespace Kaleido.Tools.Dataset;

/// <summary>Command-line settings of <c>kaleido-tools dataset</c>.</summary>
[Verb("dataset", HelpText = "Generate the synthetic shapes dataset: PNG images, captions and ground-truth latents of every kind.")]
public sealed class DatasetOptions
{
    [Option("out", Required = true, HelpText = "New or empty folder for images/, manifest-<kind>.jsonl and codebook.json.")]
    public string Out { get; init; } = "";

    [Option("count", Required = true, HelpText = "Number of images.")]
    public int Count { get; init; }

    [Option("seed", Required = true, HelpText = "Random seed (0 to 18446744073709551615); the same seed gives the same files.")]
    public ulong Seed { get; init; }

    [Option("size", Default = 32, HelpText = "Image width and height in pixels, a multiple of 32.")]
    public int Size { get; init; } = 32;

    [Option("codebook-size", Default = 64, HelpText = "Number of voken codes K of the patch codebook.")]
    public int CodebookSize { get; init; } = 64;

    [Option("kmeans-iterations", Default = 25, HelpText = "Most Lloyd iterations of the codebook's k-means.")]
    public int KMeansIterations { get; init; } = 25;
}
