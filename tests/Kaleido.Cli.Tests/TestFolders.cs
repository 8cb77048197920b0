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

/// <summary>Comparisons of two output folders of runs that must agree (two builds, two batch sizes, two ISAs).</summary>
static class OutputFolders
{
    /// <summary>The names of the files directly in <paramref name="folder"/>, in ordinal order.</summary>
    public static string[] FileNames(string folder) =>
        Directory.GetFiles(folder).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Both folders hold the same files, including <paramref name="mustHold"/>; returns their names. When
    /// <paramref name="sameBytes"/>, every file is byte-identical too, or the message names it and <paramref name="what"/>.
    /// </summary>
    public static string[] AssertSame(string expected, string actual, string mustHold, string what, bool sameBytes = true)
    {
        string[] names = FileNames(expected);
        Assert.Contains(mustHold, names);
        Assert.Equal(names, FileNames(actual));
        if (sameBytes)
            foreach (string name in names)
                Assert.True(File.ReadAllBytes(System.IO.Path.Combine(expected, name)).SequenceEqual(File.ReadAllBytes(System.IO.Path.Combine(actual, name))),
                    $"{name} differs between {what}.");
        return names;
    }
}
