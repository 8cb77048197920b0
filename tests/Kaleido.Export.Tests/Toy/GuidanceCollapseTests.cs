using Kaleido.Export.Toy;
using Kaleido.Tests.Shared;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Toy;

/// <summary>
/// The paper's Fig. 3 claim on trained networks: guidance collapses the baseline's minority mode (the one
/// near the other class), while sampling the sub-mode first keeps every share.
/// </summary>
public sealed class GuidanceCollapseTests(ITestOutputHelper output, RunLog runLog) : IClassFixture<RunLog>
{
    const int ClassA = 0, MajorityMode = 0, MinorityMode = 1;

    [Fact]
    public void Guidance_collapses_the_baselines_minority_mode_but_not_the_latent_augmented_models()
    {
        set_num_threads(1);
        var settings = new ToyExperimentSettings();
        var log = new StringWriter();
        var result = ToyExperiment.Run(settings, log);
        output.WriteLine(log.ToString());

        // Print every share first, so a failure still shows the numbers.
        output.WriteLine(ToyShareTable.ToMarkdown(result));
        output.WriteLine($"prior drew z = minority for {result.DrawnShare(ClassA, MinorityMode):F3} of class A rows");
        runLog.WriteLine("[toy] class A minority-mode share (true 0.300), w = " + string.Join(", ", settings.GuidanceScales.Select(w =>
            $"{w:g}: baseline {result.Run(ToyModelKind.Baseline, w).Shares.Share(ClassA, MinorityMode):F3} / " +
            $"latent {result.Run(ToyModelKind.LatentAugmented, w).Shares.Share(ClassA, MinorityMode):F3}")));

        // True shares from the mixture's definition, not from the code under test.
        const double trueMajority = 0.7, trueMinority = 0.3;
        var baseline = result.Run(ToyModelKind.Baseline, 7f).Shares;
        var latent = result.Run(ToyModelKind.LatentAugmented, 7f).Shares;
        Assert.True(baseline.Share(ClassA, MinorityMode) < trueMinority / 2,
            $"baseline minority share at w = 7 is {baseline.Share(ClassA, MinorityMode):F3}; expected below {trueMinority / 2}");
        Assert.InRange(latent.Share(ClassA, MajorityMode), trueMajority * 0.75, trueMajority * 1.25);
        Assert.InRange(latent.Share(ClassA, MinorityMode), trueMinority * 0.75, trueMinority * 1.25);
    }
}
