namespace Kaleido.Fuzz;

/// <summary>
/// A private temporary folder for the targets whose readers take a path: each input is written to one fixed
/// file in it and read back from there, as the CLI reads the user's file.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Path = Directory.CreateTempSubdirectory("kaleido-fuzz-").FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relative"/> in the folder and returns its full path.</summary>
    public string Write(string relative, byte[] bytes)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; failing the run over it is not.
        }
    }
}
