using System.CommandLine;

namespace Kaleido.Tools.Dataset;

/// <summary>Command-line settings of <c>kaleido-tools dataset</c>.</summary>
public sealed class DatasetOptions
{
    public const string VerbName = "dataset";

    public string Out { get; init; } = "";

    public int Count { get; init; }

    public ulong Seed { get; init; }

    public int Size { get; init; } = 32;

    public int CodebookSize { get; init; } = 64;

    public int KMeansIterations { get; init; } = 25;

    /// <summary>The <c>dataset</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<DatasetOptions> CreateVerb()
    {
        var @out = new Option<string>("--out") { Required = true, Description = "New or empty folder for images/, manifest-<kind>.jsonl and codebook.json." };
        var count = new Option<int>("--count") { Required = true, Description = "Number of images." };
        var seed = new Option<ulong>("--seed") { Required = true, Description = "Random seed (0 to 18446744073709551615); the same seed gives the same files." };
        var size = new Option<int>("--size") { DefaultValueFactory = _ => 32, Description = "Image width and height in pixels, a multiple of 32." };
        var codebookSize = new Option<int>("--codebook-size") { DefaultValueFactory = _ => 64, Description = "Number of voken codes K of the patch codebook." };
        var kmeansIterations = new Option<int>("--kmeans-iterations") { DefaultValueFactory = _ => 25, Description = "Most Lloyd iterations of the codebook's k-means." };
        var command = new Command(VerbName, "Generate the synthetic shapes dataset: PNG images, captions and ground-truth latents of every kind.")
        {
            @out, count, seed, size, codebookSize, kmeansIterations,
        };
        return new Verb<DatasetOptions>(command, result => new DatasetOptions
        {
            Out = result.GetValue(@out)!,
            Count = result.GetValue(count),
            Seed = result.GetValue(seed),
            Size = result.GetValue(size),
            CodebookSize = result.GetValue(codebookSize),
            KMeansIterations = result.GetValue(kmeansIterations),
        });
    }
}
