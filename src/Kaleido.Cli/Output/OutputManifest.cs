namespace Kaleido.Cli.Output;

/// <summary>
/// <c>kaleido-manifest.jsonl</c>: the output folder's record of every file kaleido wrote in it, one
/// <see cref="ManifestEntry"/> per line, appended (and fsynced) after the file is renamed into place. A file written
/// again gets a new line; the last line for a name is the one that counts.
/// </summary>
/// <remarks>
/// A process killed while appending leaves a torn last line: it is ignored, and cut off before the next append.
/// A bad line anywhere else was not written by kaleido's append, so the run stops and names it.
/// </remarks>
sealed class OutputManifest
{
    public const string FileName = "kaleido-manifest.jsonl";

    readonly string _path;
    readonly Dictionary<string, ManifestEntry> _latest = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _lineOf = new(StringComparer.Ordinal);
    readonly List<string> _order = [];
    long _validLength;
    bool _needsLineEnd;
    int _lines;

    OutputManifest(string path) => _path = path;

    /// <summary>The manifest's path.</summary>
    public string Path => _path;

    /// <summary>The manifest's file name, for messages.</summary>
    public string Name => System.IO.Path.GetFileName(_path);

    /// <summary>True when the file ended in a torn line, which the next append cuts off.</summary>
    public bool HadTornTail { get; private set; }

    /// <summary>Every file listed, in the order each was first written, with its latest entry.</summary>
    public IEnumerable<ManifestEntry> Entries => _order.Select(name => _latest[name]);

    /// <summary>The latest entry for <paramref name="file"/>, or null.</summary>
    public ManifestEntry? Find(string file) => _latest.GetValueOrDefault(file);

    /// <summary>The line number of <paramref name="file"/>'s latest entry, for messages.</summary>
    public int LineOf(string file) => _lineOf[file];

    /// <summary>The manifest of <paramref name="folder"/>; empty when the folder or the file does not exist.</summary>
    /// <exception cref="OutputFolderException">A line other than the last is not an entry, or the file cannot be read.</exception>
    public static OutputManifest Read(string folder, string fileName = FileName)
    {
        var manifest = new OutputManifest(System.IO.Path.Combine(folder, fileName));
        if (!File.Exists(manifest._path)) return manifest;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(manifest._path);
        }
        catch (Exception e) when (OutputFaults.IsFileSystemFault(e))
        {
            throw new OutputFolderException($"Cannot read '{manifest._path}': {e.Message}", e);
        }
        manifest.Load(bytes);
        return manifest;
    }

    void Load(byte[] bytes)
    {
        int start = 0, number = 0;
        while (start < bytes.Length)
        {
            number++;
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            bool terminated = end >= 0;
            int stop = terminated ? end : bytes.Length;
            bool last = !terminated || end + 1 == bytes.Length;
            ManifestEntry? entry = ManifestEntry.TryParse(bytes.AsSpan(start, stop - start), out string problem);
            if (entry is null)
            {
                if (!last)
                    throw new OutputFolderException(
                        $"'{_path}' line {number} is not a manifest entry ({problem}); expected one JSON object per line as kaleido " +
                        "appends them. Only a torn last line is repaired on its own: restore or delete that line, or write to another --out folder.");
                HadTornTail = true; // left by a process killed while appending; cut off before the next append
                break;
            }
            Add(entry, number);
            _validLength = terminated ? end + 1 : bytes.Length;
            _needsLineEnd = !terminated;
            start = stop + 1;
        }
    }

    /// <summary>Appends <paramref name="entry"/> durably (cutting a torn tail first) through <paramref name="fileSystem"/>.</summary>
    public void Append(ManifestEntry entry, IOutputFileSystem fileSystem)
    {
        byte[] line = entry.ToLine();
        byte[] bytes = _needsLineEnd ? [(byte)'\n', .. line] : line;
        OutputFaults.Guard(_path, () => fileSystem.AppendDurably(_path, _validLength, bytes));
        _validLength += bytes.Length;
        _needsLineEnd = false;
        HadTornTail = false;
        Add(entry, _lines + 1);
    }

    void Add(ManifestEntry entry, int number)
    {
        if (!_latest.ContainsKey(entry.File)) _order.Add(entry.File);
        _latest[entry.File] = entry;
        _lineOf[entry.File] = number;
        _lines = number;
    }
}
