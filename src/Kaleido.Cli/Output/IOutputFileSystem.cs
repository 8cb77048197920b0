namespace Kaleido.Cli.Output;

/// <summary>
/// Every change the output layer makes to the disk, in one seam: tests substitute one that fails like a full
/// disk or a read-only mount, which a test machine cannot produce on demand. Reads go straight to the disk.
/// </summary>
public interface IOutputFileSystem
{
    /// <summary>Makes <paramref name="path"/> and its parents if missing.</summary>
    void CreateDirectory(string path);

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> so that readers see the old file or the whole new
    /// one: a temporary file in the same folder, flushed to disk (fsync), then renamed over the name.
    /// </summary>
    void WriteAtomically(string path, byte[] bytes);

    /// <summary>
    /// Cuts <paramref name="path"/> to its first <paramref name="keepLength"/> bytes (dropping a torn tail), appends
    /// <paramref name="bytes"/> and flushes the file to disk; makes the file if missing.
    /// </summary>
    void AppendDurably(string path, long keepLength, byte[] bytes);

    /// <summary>Deletes a file or an empty folder; nothing if it is not there.</summary>
    void Delete(string path);
}
