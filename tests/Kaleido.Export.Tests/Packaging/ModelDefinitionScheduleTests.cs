using System.Text.Json.Nodes;
using Kaleido.Export.Packaging;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Tests.Packaging;

/// <summary>The model card's noise schedule: kept by a checkpoint, defaulted for old headers, written into kaleido.json.</summary>
public sealed class ModelDefinitionScheduleTests : IDisposable
{
    static readonly ScheduleSpec Cosine = new("cosine", ShiftPower: 2);

    readonly string _dir = Directory.CreateTempSubdirectory("kaleido-model-card-").FullName;
    string Tokenizer => Path.Combine(_dir, "tokenizer");
    string Checkpoint => Path.Combine(_dir, "checkpoint");
    string Out => Path.Combine(_dir, "package");

    public ModelDefinitionScheduleTests() => FixtureTokenizer.Write(Tokenizer);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    ModelDefinition TinyCosine() =>
        ModelPresets.Create(ModelPresets.Tiny, ModelKind.Kaleido, "text", TokenizerDescriptor.Read(Tokenizer)) with { Schedule = Cosine };

    [Fact]
    public void Presets_have_the_schedule_the_exporter_used_to_hard_code()
    {
        foreach (string preset in ModelPresets.Names)
            Assert.Equal(new ScheduleSpec("squaredcos", 1), ModelPresets.Create(preset, ModelKind.Baseline, null, vocabSize: 300).Schedule);
    }

    [Fact]
    public void Checkpoint_round_trip_keeps_the_whole_definition_with_its_schedule()
    {
        ModelDefinition definition = TinyCosine();
        using (ModelWeights weights = ModelWeights.Random(definition, seed: 2))
            ModelCheckpoint.Save(weights, Checkpoint);
        Assert.Contains("\"cosine\"", File.ReadAllText(Path.Combine(Checkpoint, ModelCheckpoint.HeaderFileName)));

        using ModelWeights loaded = ModelCheckpoint.Load(Checkpoint);
        Assert.Equal(Cosine, loaded.Definition.Schedule);
        Assert.Empty(loaded.Definition.Differences(definition));
        Assert.Equal(definition.ToJson(), loaded.Definition.ToJson());
    }

    [Fact]
    public void A_header_written_before_the_schedule_reads_as_squaredcos_1()
    {
        using (ModelWeights weights = ModelWeights.Random(TinyCosine(), seed: 2))
            ModelCheckpoint.Save(weights, Checkpoint);
        string header = Path.Combine(Checkpoint, ModelCheckpoint.HeaderFileName);
        JsonNode json = JsonNode.Parse(File.ReadAllText(header))!;
        Assert.True(json["model"]!.AsObject().Remove("schedule"));
        File.WriteAllText(header, json.ToJsonString());

        using ModelWeights loaded = ModelCheckpoint.Load(Checkpoint);
        Assert.Equal(new ScheduleSpec("squaredcos", 1), loaded.Definition.Schedule);
    }

    [Fact]
    public void Package_of_a_checkpoint_records_the_checkpoints_schedule()
    {
        using (ModelWeights weights = ModelWeights.Random(TinyCosine(), seed: 3))
            ModelCheckpoint.Save(weights, Checkpoint);
        Assert.Equal(0, Program.Main(["package", "--checkpoint", Checkpoint, "--tokenizer", Tokenizer, "--out", Out]));
        Assert.Equal(Cosine, ModelPackage.Load(Out).Manifest.Schedule);
    }

    [Fact]
    public void An_unknown_schedule_is_refused()
    {
        var descriptor = TokenizerDescriptor.Read(Tokenizer);
        ModelDefinition definition = TinyCosine() with { Schedule = new ScheduleSpec("linear", 1) };
        Assert.Contains("'linear'", Assert.Throws<ExportInputException>(() => definition.Validate(descriptor, Tokenizer)).Message);
    }
}
