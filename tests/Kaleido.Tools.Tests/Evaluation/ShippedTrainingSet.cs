using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Tests.Evaluation;

/// <summary>
/// The shipped training set, regenerated once for the class: models/train-shapes.sh's <c>dataset --count 20000 --seed 1</c>
/// (about 25 s, 130 MB in a temporary folder). Its visual codes come from a k-means over the whole set, so a smaller
/// count would give other latents than the ones the model was trained on.
/// </summary>
public sealed class ShippedTrainingSet : IDisposable
{
    public const int Count = 20_000;
    public const ulong Seed = 1;

    readonly string _folder = Path.Combine(Path.GetTempPath(), $"kaleido-train-set-{Guid.NewGuid():N}");

    public ShippedTrainingSet()
    {
        DatasetGenerator.Generate(new DatasetSettings(Count, Seed), _folder);
        Manifest = Path.Combine(_folder, DatasetGenerator.ManifestFileName(LatentKind.Combined));
    }

    /// <summary>The combined-latents manifest, the kind the shipped model is conditioned on.</summary>
    public string Manifest { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
