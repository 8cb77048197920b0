namespace Kaleido.Build.Tests;

/// <summary>Paths in the repository, found by walking up from the test binaries to Kaleido.Runtime.sln.</summary>
static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Cli => Path.Combine(Root, "src", "Kaleido.Cli");

    public static string ProviderProbe => Path.Combine(Root, "tests", "Kaleido.Build.Tests", "ProviderProbe");

    /// <summary>The smallest graph of the tiny Kaleido fixture, opened by the probe.</summary>
    public static string FixtureEncoder => Path.Combine(Root, "tests", "fixtures", "tiny-kaleido", "encoder.onnx");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kaleido.Runtime.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No Kaleido.Runtime.sln above '{AppContext.BaseDirectory}'.");
    }
}
