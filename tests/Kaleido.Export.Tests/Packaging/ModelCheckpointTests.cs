using Kaleido.Export.Packaging;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Packaging;

public sealed class ModelCheckpointTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("kaleido-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static ModelDefinition TinyDefinition(ModelKind kind = ModelKind.Kaleido) =>
        ModelPresets.Create(ModelPresets.Tiny, kind, kind == ModelKind.Kaleido ? "bbox" : null,
            TokenizerDescriptor.Create(KaleidoSpecialTokens.MinimumVocabSize(8), codebookSize: 8));

    [Fact]
    public void Save_then_load_gives_the_same_definition_and_every_tensor_bit_for_bit()
    {
        using ModelWeights saved = ModelWeights.Random(TinyDefinition(), seed: 5);
        ModelCheckpoint.Save(saved, _dir);
        using ModelWeights loaded = ModelCheckpoint.Load(_dir);

        Assert.Equal(saved.Definition.Prior, loaded.Definition.Prior);
        Assert.Equal(saved.Definition with { Denoiser = loaded.Definition.Denoiser }, loaded.Definition);
        AssertSameConfig(saved.Definition.Denoiser, loaded.Definition.Denoiser);
        AssertSameTensors(saved.Prior.state_dict(), loaded.Prior.state_dict());
        AssertSameTensors(saved.Denoiser.state_dict(), loaded.Denoiser.state_dict());
    }

    [Fact]
    public void Missing_or_foreign_header_is_a_user_error()
    {
        Assert.Contains("checkpoint.json", Assert.Throws<ExportInputException>(() => ModelCheckpoint.Load(_dir)).Message);
        File.WriteAllText(Path.Combine(_dir, ModelCheckpoint.HeaderFileName), "{\"format\": \"other\", \"version\": 1, \"model\": null}");
        Assert.Throws<ExportInputException>(() => ModelCheckpoint.Load(_dir));
    }

    [Fact]
    public void Weights_that_do_not_fit_the_header_are_named()
    {
        using (ModelWeights saved = ModelWeights.Random(TinyDefinition(), seed: 5))
            ModelCheckpoint.Save(saved, _dir);
        // A header that describes a wider prior than the weights on disk.
        string header = Path.Combine(_dir, ModelCheckpoint.HeaderFileName);
        File.WriteAllText(header, File.ReadAllText(header).Replace("\"dFf\": 48", "\"dFf\": 64"));
        var e = Assert.Throws<ExportInputException>(() => ModelCheckpoint.Load(_dir));
        Assert.Contains(ModelCheckpoint.PriorFileName, e.Message);
    }

    static void AssertSameConfig(Kaleido.Export.Denoiser.NestedUNetConfig a, Kaleido.Export.Denoiser.NestedUNetConfig b)
    {
        // ImmutableArray equality is by reference (in records and in Assert.Equal): compare the elements.
        foreach (var (x, y) in new[] { (a.Outer, b.Outer), (a.Inner, b.Inner) })
        {
            Assert.Equal(x.Channels.ToArray(), y.Channels.ToArray());
            Assert.Equal(x.ResBlocks.ToArray(), y.ResBlocks.ToArray());
            Assert.Equal(x.AttentionLayers.ToArray(), y.AttentionLayers.ToArray());
            Assert.Equal(x with { Channels = y.Channels, ResBlocks = y.ResBlocks, AttentionLayers = y.AttentionLayers }, y);
        }
        Assert.Equal(a.Conditioning, b.Conditioning);
    }

    static void AssertSameTensors(IDictionary<string, Tensor> expected, IDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            Assert.True(tensor.abs().sum().item<float>() > 0 || name.Contains("adapter"), $"{name} is all zeros");
            Assert.Equal(tensor.shape, actual[name].shape);
            Assert.True(tensor.data<float>().ToArray().SequenceEqual(actual[name].data<float>().ToArray()), $"{name} differs after loading");
        }
    }
}
