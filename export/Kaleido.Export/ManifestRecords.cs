using Kaleido.Runtime;
using SixLabors.ImageSharp;

namespace Kaleido.Export;

/// <summary>
/// The records of a JSON Lines dataset manifest, read whole by the commands that train or evaluate on it: one per
/// non-blank line. A line whose reading fails on the user's input (the document or its image) is reported as the
/// command's own input error, "PATH, line N: why", so the user can find it; so is a manifest with no records.
/// </summary>
internal static class ManifestRecords
{
    public static List<T> Read<T>(string manifestPath, Func<string, T> readRecord, Func<string, Exception?, UserInputException> inputError)
    {
        var records = new List<T>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(manifestPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                records.Add(readRecord(line));
            }
            catch (Exception e) when (e is UserInputException or ImageFormatException)
            {
                throw inputError($"{manifestPath}, line {lineNumber}: {e.Message}", e);
            }
        }
        if (records.Count == 0)
            throw inputError($"The manifest '{manifestPath}' has no records.", null);
        return records;
    }
}
