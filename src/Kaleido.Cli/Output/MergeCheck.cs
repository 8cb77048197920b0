using System.Globalization;

namespace Kaleido.Cli.Output;

/// <summary>
/// What <c>merge</c> checks before it writes anything (docs/batch.md, "Merge"): every shard 0 … N−1 has a manifest;
/// every unit 0 … U−1 of the plan (<see cref="PlanPosition"/>) is listed, with each kind of file the others have, by
/// exactly one manifest; every listed file is there with its recorded SHA-256; nothing with other bytes is in the way
/// in the destination. The result is the run's files in plan order, or the problems found.
/// </summary>
sealed class MergeCheck
{
    readonly List<string> _problems = [];

    MergeCheck() { }

    /// <summary>Every problem, in the order found; empty when the run is complete and consistent.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The run's files in plan order (by unit, latents before PNG); meaningful only without problems.</summary>
    public IReadOnlyList<ListedFile> Files { get; private set; } = [];

    /// <summary>The plan's unit count.</summary>
    public int Units { get; private set; }

    public static MergeCheck Of(IReadOnlyList<ShardManifestFile> manifests, IReadOnlyList<string> folders, string destination)
    {
        var check = new MergeCheck();
        check.Run(manifests, folders, destination);
        return check;
    }

    void Run(IReadOnlyList<ShardManifestFile> manifests, IReadOnlyList<string> folders, string destination)
    {
        foreach (string folder in folders.Where(f => manifests.All(m => m.Folder != f)))
            _problems.Add($"'{folder}' holds no kaleido-manifest.shard-I-of-N.jsonl and no {OutputManifest.FileName}.");
        CheckShards(manifests);

        var files = new List<ListedFile>();
        foreach (ShardManifestFile manifest in manifests)
            foreach (ManifestEntry entry in manifest.Entries)
            {
                if (entry.Position is null)
                    _problems.Add($"'{entry.File}' in {manifest.Where} has no unit number (\"unit\", \"units\"): it was written by " +
                        "render or by a kaleido before merge, so its place in the run is unknown; make it again with this kaleido.");
                else
                    files.Add(new ListedFile(entry, manifest));
            }

        var kept = DropDuplicates(files);
        CheckPlan(kept);
        foreach (ListedFile file in kept)
            CheckFile(file, destination);
        Files = [.. kept.OrderBy(f => f.Unit).ThenBy(f => f.KindOrder).ThenBy(f => f.Entry.File, StringComparer.Ordinal)];
    }

    /// <summary>One split for the whole run, and a manifest for each of its shards.</summary>
    void CheckShards(IReadOnlyList<ShardManifestFile> manifests)
    {
        var counts = manifests.Where(m => m.Shard is not null).Select(m => m.Shard!.Value.Count).Distinct().Order().ToList();
        if (counts.Count > 1)
            _problems.Add($"The shard manifests split the run {counts.Count} ways (into {string.Join(", ", counts)} shards); " +
                "a run has one shard count, since unit k belongs to shard k mod N.");
        if (counts.Count > 0 && manifests.Any(m => m.Shard is null))
            _problems.Add($"{manifests.First(m => m.Shard is null).Where} is an unsharded run's manifest, merged with shard manifests.");
        foreach (int count in counts)
            for (int index = 0; index < count; index++)
                if (!manifests.Any(m => m.Shard == (index, count)))
                    _problems.Add($"Shard {index} of {count} is missing: no {Requests.ShardSpec.ManifestFileNameOf(index, count)} in any folder.");
    }

    /// <summary>A file listed by two manifests, or a unit listed under two names, is a problem; the first listing is kept.</summary>
    List<ListedFile> DropDuplicates(List<ListedFile> files)
    {
        var kept = new List<ListedFile>();
        var byName = new Dictionary<string, ListedFile>(StringComparer.Ordinal);
        var byUnitAndKind = new Dictionary<(int, string), ListedFile>();
        foreach (ListedFile file in files)
        {
            if (byName.TryGetValue(file.Entry.File, out ListedFile? first))
            {
                string bytes = first.Entry.Sha256 == file.Entry.Sha256 ? "the same bytes" : "different bytes";
                _problems.Add($"'{file.Entry.File}' (unit {file.Unit}) is listed twice, with {bytes}: by {first.Manifest.Where} and by {file.Manifest.Where}.");
                continue;
            }
            if (byUnitAndKind.TryGetValue((file.Unit, file.Entry.Kind), out first))
            {
                _problems.Add($"Unit {file.Unit} is listed twice: as '{first.Entry.File}' by {first.Manifest.Where} and as " +
                    $"'{file.Entry.File}' by {file.Manifest.Where}.");
                continue;
            }
            byName[file.Entry.File] = file;
            byUnitAndKind[(file.Unit, file.Entry.Kind)] = file;
            kept.Add(file);
        }
        return kept;
    }

    /// <summary>One unit count, and every unit of it listed with every kind of file the run makes.</summary>
    void CheckPlan(List<ListedFile> files)
    {
        var totals = files.Select(f => f.Entry.Position!.Units).Distinct().Order().ToList();
        if (totals.Count > 1)
        {
            _problems.Add($"The manifests disagree on the run's size: {string.Join(", ", totals)} units; they are not shards of one run.");
            return;
        }
        if (totals.Count == 0) return;
        Units = totals[0];
        int? shardCount = files.Select(f => f.Manifest.Shard?.Count).FirstOrDefault(c => c is not null);
        var kinds = files.Select(f => f.Entry.Kind).Distinct().OrderBy(k => k == ManifestEntry.LatentsKind ? 0 : 1).ToList();
        var listed = files.ToLookup(f => f.Unit);
        for (int unit = 0; unit < Units; unit++)
        {
            string owner = shardCount is { } n ? string.Create(CultureInfo.InvariantCulture, $" (shard {unit % n} of {n})") : "";
            var here = listed[unit].ToList();
            if (here.Count == 0)
            {
                _problems.Add($"Unit {unit} of {Units}{owner} is listed by no manifest.");
                continue;
            }
            foreach (string kind in kinds.Where(k => here.All(f => f.Entry.Kind != k)))
                _problems.Add($"Unit {unit} of {Units}{owner} has no {kind} file listed (its {here[0].Entry.Kind} is '{here[0].Entry.File}').");
        }
    }

    /// <summary>The file is there with its recorded bytes, and the destination has no other file of its name.</summary>
    void CheckFile(ListedFile file, string destination)
    {
        if (!File.Exists(file.Path))
        {
            _problems.Add($"'{file.Path}' (unit {file.Unit}, listed by {file.Manifest.Name}) is missing.");
            return;
        }
        if (OutputFolder.HashOf(file.Path) != file.Entry.Sha256)
        {
            _problems.Add($"'{file.Path}' (unit {file.Unit}) has changed since it was listed: its SHA-256 differs from {file.Manifest.Name}.");
            return;
        }
        string target = Path.Combine(destination, file.Entry.File);
        if (file.Manifest.Folder != destination && File.Exists(target) && OutputFolder.HashOf(target) != file.Entry.Sha256)
            _problems.Add($"'{target}' is in the way: the merge copies '{file.Path}' there, and it holds other bytes.");
    }
}
