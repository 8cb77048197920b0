using System.Text.Json;

namespace Kaleido.Cli.Output;

/// <summary>
/// Which settings of a conflicting file differ from this run's — <c>seed 5 there, 6 now; steps 4 there, 8 now</c> — so
/// the message says why the names collide without printing both settings objects whole.
/// </summary>
static class SettingsDifference
{
    /// <summary>Values longer than this are not printed, only named.</summary>
    const int MaxShownValue = 40;

    public static string Describe(string recordedJson, string currentJson)
    {
        try
        {
            using JsonDocument recorded = JsonDocument.Parse(recordedJson), current = JsonDocument.Parse(currentJson);
            var there = recorded.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
            var now = current.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
            var differences = there.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
                .Where(key => there.GetValueOrDefault(key) != now.GetValueOrDefault(key))
                .Select(key => Describe(key, there.GetValueOrDefault(key), now.GetValueOrDefault(key)))
                .ToList();
            return differences.Count == 0 ? "the same settings, written differently" : string.Join("; ", differences);
        }
        catch (JsonException)
        {
            return "its recorded settings do not parse";
        }
    }

    static string Describe(string key, string? there, string? now) =>
        there is not null && now is not null && there.Length <= MaxShownValue && now.Length <= MaxShownValue
            ? $"{key} {there} there, {now} now"
            : $"{key} differs";
}
