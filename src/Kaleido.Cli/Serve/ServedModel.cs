using Kaleido.Runtime;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;

namespace Kaleido.Cli.Serve;

/// <summary>
/// The model the server loaded once at start-up: its pipelines behind the <see cref="PipelinePool"/>, and what requests
/// are checked against (its id, image side, bounds) without touching a pipeline that may be busy.
/// </summary>
sealed class ServedModel : IDisposable
{
    readonly KaleidoPipeline _checker;

    public ServedModel(IReadOnlyList<KaleidoPipeline> pipelines, int queueCapacity, ServeMetrics metrics, Output.ModelIdentity identity)
    {
        _checker = pipelines[0];
        Identity = identity;
        Pool = new PipelinePool(pipelines, queueCapacity, metrics);
    }

    public PipelinePool Pool { get; }

    /// <summary>The package hash and session settings an image records, as the CLI records them (<see cref="Output.ImageRecord"/>).</summary>
    public Output.ModelIdentity Identity { get; }
    public PackageManifest Manifest => _checker.Manifest;
    public string ModelId => Manifest.ModelId;
    public bool HasPrior => _checker.HasPrior;

    /// <summary>The side of the images, the highest resolution.</summary>
    public int Side => Manifest.Resolutions[0];

    /// <summary>The one OpenAI <c>size</c> this model makes.</summary>
    public string Size => $"{Side}x{Side}";

    public int MaxCaptionTokens => Manifest.Conditioning.MaxCaptionTokens;
    public int MaxLatentTokens => Manifest.Conditioning.MaxLatentTokens;
    public int TrainingSteps => _checker.Model.Resolutions[0].Schedule.TrainingSteps;

    /// <summary>
    /// Checks settings with the runtime's owners against this model's bounds (read-only: safe while the pipeline runs).
    /// </summary>
    /// <exception cref="ApiException">400 naming the setting's field (its runtime key) and its range.</exception>
    public void Validate(RenderSettings render, PriorSamplingSettings? prior)
    {
        try
        {
            _checker.ValidateRequest(render, prior);
        }
        catch (UserInputException e) when (e.SettingKeys.Count > 0)
        {
            throw ApiException.BadField(e.SettingKeys[0], e.Describe(key => $"\"{key}\""));
        }
    }

    public void Dispose() => Pool.Dispose();
}
