using System.Globalization;
using System.Text.RegularExpressions;

namespace Kaleido.Cli.Output;

/// <summary>
/// One manifest <c>merge</c> reads: a shard's <c>kaleido-manifest.shard-I-of-N.jsonl</c>
/// (<see cref="Requests.ShardSpec.ManifestFileName"/>) or an unsharded run's <c>kaleido-manifest.jsonl</c>, with the
/// latest entry of every file it lists.
/// </summary>
/// <param name="Shard">The shard's index and count from the file name; null for an unsharded run's manifest.</param>
sealed partial record ShardManifestFile(string Folder, string Name, (int Index, int Count)? Shard, IReadOnlyList<ManifestEntry> Entries)
{
    /// <summary>How messages name it: the file and, when the merge reads several folders, its folder.</summary>
    public string Where => System.IO.Path.Combine(Folder, Name);

    /// <summary>
    /// Every manifest of <paramref name="folder"/>: its shard manifests by index, else its plain manifest. A folder that
    /// holds shard manifests holds the plain one only as an earlier merge's output, which is remade, never read.
    /// </summary>
    /// <exception cref="OutputFolderException">A manifest has a damaged line (not the last) or cannot be read.</exception>
    public static IReadOnlyList<ShardManifestFile> ReadAll(string folder)
    {
        var shards = Directory.EnumerateFiles(folder, "kaleido-manifest.shard-*-of-*.jsonl")
            .Select(Path.GetFileName)
            .Select(name => (Name: name!, Match: ShardName().Match(name!)))
            .Where(m => m.Match.Success)
            .Select(m => (m.Name, Index: Parse(m.Match.Groups[1].Value), Count: Parse(m.Match.Groups[2].Value)))
            .OrderBy(m => m.Count).ThenBy(m => m.Index)
            .Select(m => Read(folder, m.Name, (m.Index, m.Count)))
            .ToList();
        if (shards.Count > 0 || !File.Exists(Path.Combine(folder, OutputManifest.FileName)))
            return shards;
        return [Read(folder, OutputManifest.FileName, null)];
    }

    static ShardManifestFile Read(string folder, string name, (int, int)? shard) =>
        new(folder, name, shard, [.. OutputManifest.Read(folder, name).Entries]);

    static int Parse(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue;

    [GeneratedRegex(@"^kaleido-manifest\.shard-([0-9]+)-of-([0-9]+)\.jsonl$")]
    private static partial Regex ShardName();
}
