namespace Kaleido.Cli.Tests;

/// <summary>The repository's fixture packages, found by walking up from the test's folder to Kaleido.Runtime.sln.</summary>
static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string TinyKaleido => Path.Combine(RepoRoot, "tests", "fixtures", "tiny-kaleido");
    public static string TinyBaseline => Path.Combine(RepoRoot, "tests", "fixtures", "tiny-baseline");
    public static string ShippedKaleido => Path.Combine(RepoRoot, "models", "kaleido-shapes");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kaleido.Runtime.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Kaleido.Runtime.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fresh folder under the system temp folder, deleted with its contents on dispose.</summary>
sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kaleido-cli-tests-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
