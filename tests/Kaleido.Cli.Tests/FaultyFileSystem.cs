using Kaleido.Cli.Output;

namespace Kaleido.Cli.Tests;

/// <summary>
/// The real disk, except that a write whose path matches <see cref="FailWhen"/> throws <see cref="Fault"/> (a full
/// disk, a read-only mount: neither can be made on a test machine on demand), and <see cref="AfterAppend"/> runs
/// after each manifest line is on disk.
/// </summary>
sealed class FaultyFileSystem : IOutputFileSystem
{
    public Func<string, bool> FailWhen { get; init; } = _ => false;

    public Func<Exception> Fault { get; init; } = () => new IOException("No space left on device", 28);

    public Action<string> AfterAppend { get; init; } = _ => { };

    /// <summary>What a full disk throws on Linux: an IOException carrying errno ENOSPC.</summary>
    public static IOException DiskFull() => new("No space left on device", 28);

    /// <summary>What a read-only mount throws on Linux for a new file: EROFS.</summary>
    public static IOException ReadOnly() => new("Read-only file system", 30);

    public void CreateDirectory(string path)
    {
        ThrowIfFailing(path);
        DiskOutputFileSystem.Instance.CreateDirectory(path);
    }

    public void WriteAtomically(string path, byte[] bytes)
    {
        ThrowIfFailing(path);
        DiskOutputFileSystem.Instance.WriteAtomically(path, bytes);
    }

    public void AppendDurably(string path, long keepLength, byte[] bytes)
    {
        ThrowIfFailing(path);
        DiskOutputFileSystem.Instance.AppendDurably(path, keepLength, bytes);
        AfterAppend(System.Text.Encoding.UTF8.GetString(bytes));
    }

    public void Delete(string path) => DiskOutputFileSystem.Instance.Delete(path);

    void ThrowIfFailing(string path)
    {
        if (FailWhen(path)) throw Fault();
    }
}
