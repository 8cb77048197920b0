using Kaleido.Runtime.Files;
using Kaleido.Runtime.Imaging;

namespace Kaleido.Cli.Output;

/// <summary>
/// Makes the output folder and proves it writable before any model work, so a run never spends minutes
/// on images it cannot save. Files inside it are written atomically (<see cref="AtomicFile"/>).
/// </summary>
static class OutputFolder
{
    /// <summary>Makes <paramref name="folder"/> (and its parents) if missing and checks a file can be created in it.</summary>
    /// <param name="given">The folder as the user wrote it, for messages.</param>
    /// <exception cref="OutputFolderException">A file is in the way, or the folder cannot be made or written.</exception>
    public static string Prepare(string folder, string given)
    {
        if (File.Exists(folder))
            throw new OutputFolderException($"Output folder '{folder}' (from --out {given}) is an existing file; expected a folder or a path that does not exist yet.");
        try
        {
            Directory.CreateDirectory(folder);
            // Creating a folder can succeed where creating a file fails (read-only mounts, pseudo file systems).
            AtomicFile.Write(Path.Combine(folder, ".kaleido-write-check"), _ => { });
            File.Delete(Path.Combine(folder, ".kaleido-write-check"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new OutputFolderException($"Cannot make or write the output folder '{folder}' (from --out {given}): {e.Message}", e);
        }
        return folder;
    }
}
