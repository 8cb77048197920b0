using Kaleido.Export.Toy;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToyExperimentTests
{
    static readonly ToyExperimentSettings Tiny = new()
    {
        Training = new ToyTrainingSettings { DenoiserSteps = 20, PriorSteps = 10, BatchSize = 64 },
        Denoiser = new ToyDenoiserConfig { HiddenWidth = 32, HiddenLayers = 2 },
        SamplesPerClass = 16,
        SamplingSteps = 10,
        GuidanceScales = [1f, 3f],
    };

    [Fact]
    public void The_same_settings_give_the_same_samples()
    {
        set_num_threads(1);
        var first = ToyExperiment.Run(Tiny);
        var second = ToyExperiment.Run(Tiny);

        Assert.Equal(4, first.Runs.Count);
        for (int i = 0; i < first.Runs.Count; i++)
            Assert.Equal(first.Runs[i].Points, second.Runs[i].Points);
        Assert.Equal(first.DrawnSubModes, second.DrawnSubModes);
    }

    [Fact]
    public void Another_seed_gives_other_samples()
    {
        set_num_threads(1);
        var first = ToyExperiment.Run(Tiny);
        var second = ToyExperiment.Run(Tiny with { Seed = 2 });
        Assert.NotEqual(first.Runs[0].Points, second.Runs[0].Points);
    }

    [Fact]
    public void The_table_has_one_row_per_guidance_scale()
    {
        set_num_threads(1);
        var result = ToyExperiment.Run(Tiny);
        string[] lines = ToyShareTable.ToMarkdown(result).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2 + 2, lines.Length);
        Assert.Equal("| w | baseline A (-2, 0) | baseline A (0, 0.8) | latent A (-2, 0) | latent A (0, 0.8) |", lines[0].TrimEnd());
        var shares = result.Run(ToyModelKind.Baseline, 3f).Shares;
        Assert.StartsWith($"| 3 | {shares.Share(0, 0):F3} | {shares.Share(0, 1):F3} |", lines[3]);
    }
}
