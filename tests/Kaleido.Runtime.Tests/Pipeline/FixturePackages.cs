using Kaleido.Runtime.Package;

namespace Kaleido.Runtime.Tests.Pipeline;

/// <summary>The committed tiny packages under tests/fixtures, found by walking up from the test binaries.</summary>
internal static class FixturePackages
{
    public const string TinyKaleido = "tiny-kaleido";
    public const string TinyBaseline = "tiny-baseline";

    public static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", name);
            if (File.Exists(Path.Combine(candidate, ModelPackage.ManifestFileName)))
                return candidate;
        }
        throw new InvalidOperationException($"tests/fixtures/{name} not found above {AppContext.BaseDirectory}.");
    }

    public static ModelPackage Load(string name) => ModelPackage.Load(PathOf(name));

    /// <summary>A copy of a fixture in a temporary folder, to damage.</summary>
    public static string CopyToTemp(string name)
    {
        string source = PathOf(name);
        string target = Directory.CreateTempSubdirectory("kaleido-fixture-").FullName;
        foreach (string file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }
}
