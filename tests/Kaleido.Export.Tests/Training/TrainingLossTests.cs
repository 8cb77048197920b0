using Xunit.Abstractions;
using Kaleido.Export.Packaging;
using Kaleido.Export.Training;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Training;

/// <summary>Short runs of the tiny models on one fixed batch lower their losses.</summary>
public class TrainingLossTests(ITestOutputHelper output)
{
    private static readonly ModelDefinition Config = TrainingTestData.Micro;

    private static TrainingSettings Settings(int steps) => new()
    {
        Steps = steps, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 2, Seed = 11, UnconditionalProbability = 0.1,
    };

    [Fact]
    public void PriorStageLowersArLoss()
    {
        set_num_threads(1);
        var examples = TrainingTestData.Examples(Config, 8, seed: 1);
        using var trainer = new Trainer(TrainingStage.Prior, Config, Settings(30), examples, TrainingModels.CreatePrior(Config, 11), null);
        while (!trainer.IsFinished)
            trainer.RunStep();

        double first = trainer.History.Take(3).Average(r => r.ArLoss!.Value);
        double last = trainer.History.TakeLast(3).Average(r => r.ArLoss!.Value);
        output.WriteLine($"L_AR {first:F4} -> {last:F4}");
        Assert.True(last < 0.5 * first, $"L_AR went from {first:F3} to {last:F3}; expected it to halve.");
    }

    [Fact]
    public void KaleidoStageLowersBothLosses()
    {
        set_num_threads(1);
        var examples = TrainingTestData.Examples(Config, 8, seed: 2);
        using var trainer = new Trainer(TrainingStage.Kaleido, Config, Settings(60), examples,
            TrainingModels.CreatePrior(Config, 12), TrainingModels.CreateDenoiser(Config, 12));
        while (!trainer.IsFinished)
            trainer.RunStep();

        double arFirst = trainer.History.Take(5).Average(r => r.ArLoss!.Value);
        double arLast = trainer.History.TakeLast(5).Average(r => r.ArLoss!.Value);
        double dmFirst = trainer.History.Take(5).Average(r => r.DiffusionLoss!.Value);
        double dmLast = trainer.History.TakeLast(5).Average(r => r.DiffusionLoss!.Value);
        output.WriteLine($"L_AR {arFirst:F4} -> {arLast:F4}, L_DM {dmFirst:F4} -> {dmLast:F4}, {trainer.History.Average(r => r.Seconds) * 1000:F0} ms/step");
        Assert.True(arLast < 0.7 * arFirst, $"L_AR went from {arFirst:F3} to {arLast:F3}.");
        Assert.True(dmLast < 0.75 * dmFirst, $"L_DM went from {dmFirst:F3} to {dmLast:F3}.");
    }

    [Fact]
    public void BaselineLowersDiffusionLoss()
    {
        set_num_threads(1);
        var examples = TrainingTestData.Examples(Config, 8, seed: 3);
        using var trainer = new Trainer(TrainingStage.Baseline, Config, Settings(60), examples,
            TrainingModels.CreatePrior(Config, 13), TrainingModels.CreateDenoiser(Config, 13));
        while (!trainer.IsFinished)
            trainer.RunStep();

        Assert.All(trainer.History, r => Assert.Null(r.ArLoss));
        double first = trainer.History.Take(5).Average(r => r.DiffusionLoss!.Value);
        double last = trainer.History.TakeLast(5).Average(r => r.DiffusionLoss!.Value);
        output.WriteLine($"L_DM {first:F4} -> {last:F4}");
        Assert.True(last < 0.75 * first, $"L_DM went from {first:F3} to {last:F3}.");
    }
}
