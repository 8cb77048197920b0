using Kaleido.Export.Denoiser;
using Kaleido.Export.Packaging;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;
using Kaleido.Export.Training;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Training;

/// <summary>Tests that seed the process-wide torch generator and read it back; nothing may draw from it meanwhile.</summary>
[CollectionDefinition(nameof(GlobalGeneratorCollection), DisableParallelization = true)]
public sealed class GlobalGeneratorCollection;

public class DenoiserInitializationTests
{
    /// <summary>The shipped models' denoiser, as training builds it from the preset (the tokenizer only shapes the prior).</summary>
    private static readonly NestedUNetConfig Shipped = ModelPresets.Create(ModelPresets.Shapes, ModelKind.Kaleido, "combined",
        TokenizerDescriptor.Create(KaleidoSpecialTokens.MinimumVocabSize(64), codebookSize: 64)).Denoiser;

    [Fact]
    public async Task Weights_depend_on_the_seed_alone_while_other_threads_draw_from_the_global_generator()
    {
        using var stop = new CancellationTokenSource();
        long draws = 0;
        var noise = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (randn(64)) { }
                Interlocked.Increment(ref draws);
            }
        });
        try
        {
            SpinWait.SpinUntil(() => Interlocked.Read(ref draws) > 0);
            var config = TrainingTestData.Micro;
            using var first = TrainingModels.CreateDenoiser(config, 41);
            using var second = TrainingModels.CreateDenoiser(config, 41);
            using var other = TrainingModels.CreateDenoiser(config, 42);
            WeightAssert.Same(first, second);
            Assert.Contains(first.state_dict(), p => !p.Value.equal(other.state_dict()[p.Key]).all().item<bool>());
        }
        finally
        {
            stop.Cancel();
            await noise;
        }
    }

    [Fact]
    public void Zero_initialised_layers_stay_zero_and_drawn_layers_follow_the_fan_in_bound()
    {
        using var denoiser = TrainingModels.CreateDenoiser(TrainingTestData.Micro, 7);
        var parameters = denoiser.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(0, parameters["outer.convOut.weight"].count_nonzero().item<long>());
        Assert.Equal(0, parameters["inAdapter.bias"].count_nonzero().item<long>());

        var conv = parameters["outer.convIn.weight"]; // [C, 3, 3, 3]: fan_in 27, kaiming-uniform(a = √5) bound 1/√27
        double bound = 1 / Math.Sqrt(conv.numel() / conv.shape[0]);
        Assert.True(conv.abs().max().item<float>() <= bound);
        Assert.True(conv.abs().max().item<float>() > 0.8 * bound, "Weights should fill their range.");
    }

    /// <summary>The shipped model was trained from <c>manual_seed(s); new NestedUNet(…)</c>: its initial weights must not change.</summary>
    [Collection(nameof(GlobalGeneratorCollection))]
    public class SameWeightsAsTheConstructorsGlobalDraws
    {
        [Theory]
        [InlineData(false, 3ul)]
        [InlineData(true, 3ul)]
        [InlineData(true, 1ul)] // models/train-shapes.sh trains with --seed 1
        public void Matches(bool shipped, ulong seed)
        {
            var config = shipped ? Shipped : TrainingTestData.Micro.Denoiser;
            manual_seed((long)TrainingModels.DenoiserSeed(seed));
            using var byConstructor = new NestedUNet(config);
            using var byGenerator = TrainingModels.CreateDenoiser(TrainingTestData.Micro with { Denoiser = config }, seed);
            WeightAssert.Same(byConstructor, byGenerator);
        }
    }
}
