namespace Kaleido.Export.Tests.Packaging;

/// <summary>Where the committed fixture packages and the built kaleido-export live, seen from the test binaries.</summary>
internal static class FixturePaths
{
    /// <summary>The repository's tests/fixtures folder, found by walking up from the test binaries.</summary>
    public static string FixturesDirectory { get; } = Find();

    public static string Package(string name) => Path.Combine(FixturesDirectory, name);

    /// <summary>kaleido-export.dll, copied beside the tests by the project reference.</summary>
    public static string ExportDll => Path.Combine(AppContext.BaseDirectory, "kaleido-export.dll");

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No tests/fixtures folder above '{AppContext.BaseDirectory}'.");
    }
}
