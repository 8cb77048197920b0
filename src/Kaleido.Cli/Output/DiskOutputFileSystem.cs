using Kaleido.Runtime.Files;

namespace Kaleido.Cli.Output;

/// <summary>The real disk: <see cref="AtomicFile"/> for whole files, an fsync after every append.</summary>
public sealed class DiskOutputFileSystem : IOutputFileSystem
{
    public static DiskOutputFileSystem Instance { get; } = new();

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public void WriteAtomically(string path, byte[] bytes) => AtomicFile.Write(path, stream => stream.Write(bytes));

    public void AppendDurably(string path, long keepLength, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (stream.Length > keepLength)
            stream.SetLength(keepLength);
        stream.Seek(0, SeekOrigin.End);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    public void Delete(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path);
        else File.Delete(path);
    }
}
