namespace Kaleido.Runtime.Files;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one, never a part:
/// the content goes to a temporary file in the same folder, is flushed to disk, then renamed over
/// the target (rename within one file system is atomic). On failure the temporary file is removed.
/// </summary>
public static class AtomicFile
{
    /// <summary>Prefix and suffix of temporary files, so leftovers from a killed process are recognisable.</summary>
    public const string TempPrefix = ".";
    public const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> writeContent)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot write '{path}': the folder '{directory}' does not exist.");
        }

        string tempPath = Path.Combine(directory, $"{TempPrefix}{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(tempPath); // no-op if it was never created or already renamed
            throw;
        }
    }
}
