using Kaleido.Export.Packaging;
using Kaleido.Export.Training;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Training;

/// <summary>Save → new trainer → load → next step equals the uninterrupted run's, bit for bit.</summary>
public class CheckpointResumeTests : IDisposable
{
    private static readonly ModelDefinition Config = TrainingTestData.Micro;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kaleido-training-test-" + Guid.NewGuid().ToString("N"));

    private static readonly TrainingSettings Settings = new()
    {
        Steps = 6, BatchSize = 4, LearningRate = 3e-3, WarmupSteps = 4, Seed = 5, UnconditionalProbability = 0.5,
    };

    private static Trainer NewTrainer(TrainingStage stage, List<TrainingExample> examples) =>
        new(stage, Config, Settings, examples, TrainingModels.CreatePrior(Config, 3),
            stage == TrainingStage.Prior ? null : TrainingModels.CreateDenoiser(Config, 3));

    [Theory]
    [InlineData(TrainingStage.Prior)]
    [InlineData(TrainingStage.Kaleido)]
    [InlineData(TrainingStage.Baseline)]
    public void ResumedRunMatchesUninterruptedRunExactly(TrainingStage stage)
    {
        set_num_threads(1);
        // 6 examples at batch 4: steps 3 and 4 span an epoch boundary, and p_uncond 0.5 drops some rows.
        var examples = TrainingTestData.Examples(Config, 6, seed: 9);

        using var uninterrupted = NewTrainer(stage, examples);
        while (!uninterrupted.IsFinished)
            uninterrupted.RunStep();

        using (var first = NewTrainer(stage, examples))
        {
            for (int i = 0; i < 3; i++)
                first.RunStep();
            first.SaveCheckpoint(_folder);
        }

        using var resumed = NewTrainer(stage, examples);
        resumed.LoadCheckpoint(_folder);
        Assert.Equal(3, resumed.Step);
        while (!resumed.IsFinished)
            resumed.RunStep();

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(uninterrupted.History[i].Total, resumed.History[i].Total);
            Assert.Equal(uninterrupted.History[i].ArLoss, resumed.History[i].ArLoss);
            Assert.Equal(uninterrupted.History[i].DiffusionLoss, resumed.History[i].DiffusionLoss);
        }
        WeightAssert.Same(uninterrupted.PriorEma.Shadow, resumed.PriorEma.Shadow, "EMA weight after resuming:");
        if (stage != TrainingStage.Prior)
            WeightAssert.Same(uninterrupted.DenoiserEma!.Shadow, resumed.DenoiserEma!.Shadow, "EMA weight after resuming:");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
