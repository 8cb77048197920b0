namespace Kaleido.Runtime.Tests.Imaging;

/// <summary>A fresh empty folder for one test, deleted with its contents on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kaleido-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] Names() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Select(n => n!).Order().ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
