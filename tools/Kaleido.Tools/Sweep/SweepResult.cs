using System.Text.Json.Serialization;

namespace Kaleido.Tools.Sweep;

/// <summary>A finished sweep: its settings as run, the captions, the real-set size and one cell per model × guidance.</summary>
public sealed record SweepResult(
    string Sampler, int Steps, int SamplesPerCaption, IReadOnlyList<string> Captions, int RealImages,
    IReadOnlyList<SweepCell> Cells)
{
    /// <summary>The models in first-seen order: the plot draws one polyline each.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Models => Cells.Select(c => c.Model).Distinct().ToArray();
}
