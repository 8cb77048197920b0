using Kaleido.Export.Packaging;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Benchmarks;

/// <summary>
/// A random-weight model of one preset, held in TorchSharp and written as a package to a temporary folder, so both
/// sides of every comparison run exactly the same weights.
/// </summary>
sealed class BenchmarkModel : IDisposable
{
    BenchmarkModel(ModelWeights weights, string directory, ModelPackage package)
    {
        Weights = weights;
        Directory = directory;
        Package = package;
    }

    public ModelWeights Weights { get; }
    public string Directory { get; }
    public ModelPackage Package { get; }

    public static BenchmarkModel Create(string preset, string tokenizerDirectory, long seed)
    {
        var tokenizer = KaleidoTokenizer.Load(tokenizerDirectory);
        ModelDefinition definition = ModelPresets.Create(preset, ModelKind.Kaleido, "combined", tokenizer.Descriptor);
        var weights = ModelWeights.Random(definition, seed);
        string directory = System.IO.Directory.CreateTempSubdirectory($"kaleido-bench-{preset}-").FullName;
        ModelPackageExporter.Write(weights, tokenizerDirectory, directory, $"bench-{preset}-random");
        return new BenchmarkModel(weights, directory, ModelPackage.Load(directory));
    }

    public void Dispose()
    {
        Weights.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
