using System.Text.Json.Serialization;

namespace Kaleido.Tools.Sweep;

/// <summary>A finished sweep: its settings as run, the captions, the real-set size and one cell per model × guidance.</summary>
public sealed record SweepResult(
    string Sampler, int Steps, int SamplesPerCaption, IReadOnlyList<string> Captions, int RealImages,
    IReadOnlyList<SweepCell> Cells)
{
    /// <summary>The guidance cutoff of every cell (0: guidance at every step; results files older than the setting have none).</summary>
    public int GuidanceCutoff { get; init; }

    /// <summary>The models in first-seen order: the plot draws one polyline each.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Models => Cells.Select(c => c.Model).Distinct().ToArray();
}
