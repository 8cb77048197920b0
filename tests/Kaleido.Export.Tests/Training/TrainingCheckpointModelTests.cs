using Kaleido.Export.Packaging;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Export.Training;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Training;

/// <summary>A training checkpoint carries its model card: resume checks it, package reads it, the loss uses its schedule.</summary>
public sealed class TrainingCheckpointModelTests : IDisposable
{
    static readonly ScheduleSpec Cosine = new("cosine", ShiftPower: 2);

    static readonly TrainingSettings Settings = new() { Steps = 2, BatchSize = 2, LearningRate = 1e-3, Seed = 4 };

    readonly string _dir = Directory.CreateTempSubdirectory("kaleido-train-card-").FullName;
    string Folder => Path.Combine(_dir, "ckpt");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static Trainer NewTrainer(ModelDefinition config, TrainingStage stage = TrainingStage.Kaleido) =>
        new(stage, config, Settings, TrainingTestData.Examples(config, 4, seed: 3), TrainingModels.CreatePrior(config, 1),
            stage == TrainingStage.Prior ? null : TrainingModels.CreateDenoiser(config, 1));

    [Fact]
    public void Checkpoint_round_trip_keeps_the_model_definition_with_its_schedule()
    {
        ModelDefinition config = TrainingTestData.Micro with { Schedule = Cosine };
        using (var trainer = NewTrainer(config))
        {
            trainer.RunStep();
            trainer.SaveCheckpoint(Folder);
        }
        ModelDefinition? saved = TrainingCheckpoint.ReadModel(Folder);
        Assert.NotNull(saved);
        Assert.Equal(Cosine, saved.Schedule);
        Assert.Empty(saved.Differences(config));

        using var resumed = NewTrainer(config);
        resumed.LoadCheckpoint(Folder);
        Assert.Equal(1, resumed.Step);
    }

    [Fact]
    public void Resume_with_another_model_is_refused_naming_both()
    {
        using (var trainer = NewTrainer(TrainingTestData.Micro, TrainingStage.Prior))
        {
            trainer.RunStep();
            trainer.SaveCheckpoint(Folder);
        }
        ModelDefinition other = TrainingTestData.Micro with { Schedule = new ScheduleSpec("squaredcos", 2) };
        using var resumed = NewTrainer(other, TrainingStage.Prior);
        var e = Assert.Throws<TrainingInputException>(() => resumed.LoadCheckpoint(Folder));
        Assert.Contains(Folder, e.Message);
        Assert.Contains("schedule", e.Message);
        Assert.Contains("\"shiftPower\":1", e.Message);
        Assert.Contains("\"shiftPower\":2", e.Message);
    }

    [Fact]
    public void A_checkpoint_without_model_json_still_resumes()
    {
        using (var trainer = NewTrainer(TrainingTestData.Micro, TrainingStage.Prior))
        {
            trainer.RunStep();
            trainer.SaveCheckpoint(Folder);
        }
        File.Delete(Path.Combine(Folder, TrainingCheckpoint.ModelFile));
        Assert.Null(TrainingCheckpoint.ReadModel(Folder));
        using var resumed = NewTrainer(TrainingTestData.Micro, TrainingStage.Prior);
        resumed.LoadCheckpoint(Folder);
        Assert.Equal(1, resumed.Step);
    }

    [Fact]
    public void The_diffusion_loss_follows_the_definitions_schedule()
    {
        set_num_threads(1);
        double Loss(ModelDefinition config)
        {
            using var trainer = NewTrainer(config, TrainingStage.Baseline);
            return trainer.RunStep().DiffusionLoss!.Value;
        }
        double squaredCosine = Loss(TrainingTestData.Micro);
        Assert.Equal(squaredCosine, Loss(TrainingTestData.Micro));
        Assert.NotEqual(squaredCosine, Loss(TrainingTestData.Micro with { Schedule = Cosine }));
    }

    [Fact]
    public void Package_of_a_training_checkpoint_uses_its_model_and_schedule()
    {
        string tokenizer = Path.Combine(_dir, "tokenizer");
        FixtureTokenizer.Write(tokenizer);
        ModelDefinition config = ModelPresets.Create(ModelPresets.Micro, ModelKind.Kaleido, "text", TokenizerDescriptor.Read(tokenizer))
            with { Schedule = Cosine };
        using (var trainer = NewTrainer(config))
        {
            trainer.RunStep();
            trainer.SaveCheckpoint(Folder);
        }
        string output = Path.Combine(_dir, "package");
        Assert.Equal(0, Program.Main(["package", "--checkpoint", Folder, "--tokenizer", tokenizer, "--out", output]));
        PackageManifest manifest = ModelPackage.Load(output).Manifest;
        Assert.Equal(Cosine, manifest.Schedule);
        Assert.Equal("micro-text", manifest.ModelId);
        Assert.Equal(config.Conditioning, manifest.Conditioning);
    }
}
