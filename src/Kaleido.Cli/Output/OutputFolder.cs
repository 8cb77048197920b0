using System.Security.Cryptography;

namespace Kaleido.Cli.Output;

/// <summary>
/// The --out folder under the project's one output contract (docs/cli.md, "Output folder"): checked before any model
/// work but made only when its first file is written, so a failed run leaves nothing behind; every file written
/// whole (temporary file, fsync, rename) and then listed in <see cref="OutputManifest"/>; a file already there with
/// the same settings skipped, one with other settings or unknown to the manifest a conflict unless --overwrite.
/// </summary>
sealed class OutputFolder
{
    const string ProbeName = ".kaleido-write-check";

    readonly IOutputFileSystem _fileSystem;
    readonly bool _overwrite;
    readonly bool _repair;
    readonly TextWriter? _notices;
    bool _exists;

    OutputFolder(string path, OutputManifest manifest, IOutputFileSystem fileSystem, bool overwrite, bool exists, bool repair,
        TextWriter? notices)
    {
        _repair = repair;
        _notices = notices;
        FullPath = path;
        Manifest = manifest;
        _fileSystem = fileSystem;
        _overwrite = overwrite;
        _exists = exists;
    }

    /// <summary>The folder's absolute path.</summary>
    public string FullPath { get; }

    public OutputManifest Manifest { get; }

    /// <summary>The absolute path of <paramref name="fileName"/> in the folder.</summary>
    public string PathOf(string fileName) => Path.Combine(FullPath, fileName);

    /// <summary>
    /// Checks that <paramref name="folder"/> (from --out <paramref name="given"/>) can be written — without making it —
    /// and reads its manifest.
    /// </summary>
    /// <exception cref="OutputFolderException">A file is in the way, the folder cannot be written, or its manifest is damaged.</exception>
    /// <param name="manifestFileName">The manifest this run keeps: the folder's, or a shard's own (<see cref="Requests.ShardSpec"/>).</param>
    /// <param name="repair">A listed file whose bytes changed is made again (kept aside first); false: exit 6 instead.</param>
    /// <param name="notices">Where a repair is announced; null says nothing.</param>
    public static OutputFolder Open(string folder, string given, bool overwrite, IOutputFileSystem fileSystem,
        string manifestFileName = OutputManifest.FileName, bool repair = true, TextWriter? notices = null)
    {
        if (File.Exists(folder))
            throw new OutputFolderException($"Output folder '{folder}' (from --out {given}) is an existing file; expected a folder or a path that does not exist yet.");
        bool exists = Directory.Exists(folder);
        try
        {
            if (exists)
            {
                // Listing a folder can succeed where creating a file fails (read-only mounts, pseudo file systems).
                string probe = Path.Combine(folder, ProbeName);
                fileSystem.WriteAtomically(probe, []);
                fileSystem.Delete(probe);
            }
            else
            {
                ProbeParent(folder, given, fileSystem);
            }
        }
        catch (Exception e) when (OutputFaults.IsFileSystemFault(e))
        {
            throw new OutputFolderException($"Cannot make or write the output folder '{folder}' (from --out {given}): {e.Message}", e);
        }
        return new OutputFolder(folder, OutputManifest.Read(folder, manifestFileName), fileSystem, overwrite, exists, repair, notices);
    }

    /// <summary>The nearest existing folder above a missing one must take a new folder; tried and removed at once.</summary>
    static void ProbeParent(string folder, string given, IOutputFileSystem fileSystem)
    {
        string? parent = Path.GetDirectoryName(folder);
        while (parent is not null && !Directory.Exists(parent))
        {
            if (File.Exists(parent))
                throw new OutputFolderException($"Cannot make the output folder '{folder}' (from --out {given}): '{parent}' is a file; expected a folder.");
            parent = Path.GetDirectoryName(parent);
        }
        if (parent is null) return; // a root always exists; nothing left to probe
        string probe = Path.Combine(parent, $"{ProbeName}-{Guid.NewGuid():N}");
        fileSystem.CreateDirectory(probe);
        fileSystem.Delete(probe);
    }

    /// <summary>
    /// What may be done with each of <paramref name="units"/>, by file name, decided before any model work so that a
    /// conflict costs nothing; the first conflict is thrown, with how many more there are.
    /// </summary>
    /// <exception cref="OutputConflictException">A unit's name is taken by a listed file with other settings or changed bytes.</exception>
    /// <exception cref="OutputFolderException">A unit's name is taken by a folder.</exception>
    public IReadOnlyDictionary<string, UnitAction> DecideAll(IEnumerable<OutputUnit> units)
    {
        var actions = new Dictionary<string, UnitAction>(StringComparer.Ordinal);
        string? first = null;
        int conflicts = 0;
        foreach (OutputUnit unit in units)
        {
            (actions[unit.FileName], string? conflict) = Decide(unit);
            if (conflict is null) continue;
            first ??= conflict;
            conflicts++;
        }
        if (first is not null)
            throw new OutputConflictException(conflicts == 1 ? first : $"{first} ({conflicts - 1} more file(s) of this run are in the same position.)");
        return actions;
    }

    /// <summary>What may be done with <paramref name="unit"/>, or why not (a conflict message).</summary>
    (UnitAction Action, string? Conflict) Decide(OutputUnit unit)
    {
        string path = PathOf(unit.FileName);
        if (Directory.Exists(path))
            throw new OutputFolderException($"'{path}' is a folder, where this run writes a file; move it away or choose another --out folder.");
        if (!File.Exists(path)) return (UnitAction.Write, null);

        // --overwrite settles conflicts only: a file with the same settings and bytes is skipped either way.
        ManifestEntry? entry = Manifest.Find(unit.FileName);
        if (entry is null) return (_overwrite ? UnitAction.Write : UnitAction.WriteIfIdentical, null);
        string where = $"{Manifest.Name} line {Manifest.LineOf(unit.FileName)}";
        bool changed = HashOf(path) != entry.Sha256;
        bool sameSettings = entry.SettingsSha256 == unit.Settings.Sha256;
        if (!changed && sameSettings) return (UnitAction.Skip, null);
        if (_overwrite) return (UnitAction.Write, null);
        if (changed && sameSettings)
        {
            // The manifest says what this file should be and this run makes exactly that: a damaged or hand-edited
            // file, made again; the changed bytes are kept aside, so nothing is lost.
            if (!_repair)
                throw new OutputFolderException(
                    $"'{path}' has changed since kaleido wrote it (its SHA-256 differs from {where}) and --no-repair was given; " +
                    "restore or delete the file, or run without --no-repair to make it again.");
            return (UnitAction.Repair, null);
        }
        return (UnitAction.Write, changed
            ? $"'{path}' has changed since kaleido wrote it and was made with other settings ({where}); {OverwriteHint}"
            : $"'{path}' was made with other settings ({where}: {SettingsDifference.Describe(entry.SettingsJson, unit.Settings.Json)}); {OverwriteHint}");
    }

    /// <summary>How a skipped file is reported on stdout, after its path.</summary>
    public const string SkippedNote = "skipped: already there with the same settings (" + OutputManifest.FileName + ")";

    const string OverwriteHint = "pass --overwrite to replace it, or choose another --out folder.";

    /// <summary>
    /// Puts <paramref name="bytes"/> in place as <paramref name="unit"/> — temporary file, fsync, rename, then the
    /// manifest line, fsynced — or, for <see cref="UnitAction.WriteIfIdentical"/>, lists the file already there when it
    /// holds exactly these bytes.
    /// </summary>
    /// <exception cref="OutputConflictException">An unlisted file of that name holds other bytes.</exception>
    /// <exception cref="TransientFailureException">The disk is full.</exception>
    /// <exception cref="OutputFolderException">Any other write failure.</exception>
    public void Commit(OutputUnit unit, UnitAction action, byte[] bytes)
    {
        string path = PathOf(unit.FileName);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (action == UnitAction.WriteIfIdentical)
        {
            if (HashOf(path) != sha256)
                throw new OutputConflictException(
                    $"'{path}' is already there but not listed in {Manifest.Name}, and differs from what this run makes; {OverwriteHint}");
        }
        else if (action == UnitAction.Write)
        {
            WriteFile(path, bytes);
        }
        else if (action == UnitAction.Repair)
        {
            string keptAside = KeepAside(path);
            WriteFile(path, bytes);
            _notices?.WriteLine($"kaleido: warning: '{path}' had changed since kaleido wrote it ({Manifest.Name}); made it again, " +
                                $"the changed file is kept as '{Path.GetFileName(keptAside)}' (--no-repair stops instead, exit 6).");
        }
        else
        {
            throw new InvalidOperationException($"'{path}' is skipped; nothing to commit.");
        }
        Manifest.Append(new ManifestEntry(unit.FileName, unit.Kind, sha256, unit.Settings.Sha256, unit.Settings.Json, unit.Position), _fileSystem);
    }

    /// <summary>Copies a changed listed file to <c>NAME.changed-SHA8</c> beside it (its own hash: reruns never clash).</summary>
    string KeepAside(string path)
    {
        byte[] changed;
        try
        {
            changed = File.ReadAllBytes(path);
        }
        catch (Exception e) when (OutputFaults.IsFileSystemFault(e))
        {
            throw new OutputFolderException($"Cannot read '{path}': {e.Message}", e);
        }
        string aside = $"{path}.changed-{Convert.ToHexStringLower(SHA256.HashData(changed))[..8]}";
        WriteFile(aside, changed);
        return aside;
    }

    /// <summary>A file derived from the listed ones (the contact sheet), written whole but not listed.</summary>
    public void WriteDerived(string fileName, byte[] bytes) => WriteFile(PathOf(fileName), bytes);

    void WriteFile(string path, byte[] bytes)
    {
        OutputFaults.Guard(path, () =>
        {
            if (!_exists)
            {
                _fileSystem.CreateDirectory(FullPath);
                _exists = true;
            }
            _fileSystem.WriteAtomically(path, bytes);
        });
    }

    /// <summary>The SHA-256 of the file at <paramref name="path"/>, in lower-case hex.</summary>
    public static string HashOf(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (OutputFaults.IsFileSystemFault(e))
        {
            throw new OutputFolderException($"Cannot read '{path}': {e.Message}", e);
        }
    }
}
