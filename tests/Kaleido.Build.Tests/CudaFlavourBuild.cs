using System.Text.Json;

namespace Kaleido.Build.Tests;

/// <summary>
/// The CLI and the provider probe built once in the cuda flavour, each into its own temporary folder,
/// the probe's report, and the NuGet packages the build resolved (read from its own assets file).
/// </summary>
public sealed class CudaFlavourBuild : IDisposable
{
    const string CpuPackage = "Microsoft.ML.OnnxRuntime";
    const string GpuPackage = "Microsoft.ML.OnnxRuntime.Gpu.Linux";

    readonly string root = Path.Combine(Path.GetTempPath(), "kaleido-cuda-build-" + Guid.NewGuid().ToString("N"));

    public CudaFlavourBuild()
    {
        CliOutput = Path.Combine(root, "cli");
        ProbeOutput = Path.Combine(root, "probe");
        ChildProcess.Build(RepositoryPaths.Cli, "cuda", CliOutput);
        ChildProcess.Build(RepositoryPaths.ProviderProbe, "cuda", ProbeOutput);

        (CpuPackageFolder, CpuPackageVersion) = ResolvedPackage(CpuPackage);
        (GpuPackageFolder, GpuPackageVersion) = ResolvedPackage(GpuPackage);
        ProbeReport = RunProbe();
    }

    /// <summary>What `dotnet build src/Kaleido.Cli -p:KaleidoFlavour=cuda` put in its output folder.</summary>
    public string CliOutput { get; }

    public string ProbeOutput { get; }

    /// <summary>Folder of the CPU ONNX Runtime package that GenAI depends on (restored, but must not ship).</summary>
    public string CpuPackageFolder { get; }

    public string CpuPackageVersion { get; }

    public string GpuPackageFolder { get; }

    public string GpuPackageVersion { get; }

    /// <summary>The probe's "key: value" lines (see ProviderProbe/Program.cs).</summary>
    public IReadOnlyDictionary<string, string> ProbeReport { get; }

    /// <summary>linux-x64 native file <paramref name="name"/> of the GPU package.</summary>
    public string GpuPackageNative(string name) => Path.Combine(GpuPackageFolder, "runtimes", "linux-x64", "native", name);

    /// <summary>The package folder and version the cuda build of the CLI resolved for <paramref name="id"/>.</summary>
    (string Folder, string Version) ResolvedPackage(string id)
    {
        string assetsPath = Path.Combine(RepositoryPaths.Cli, "obj", "cuda", "project.assets.json");
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsPath));
        string packages = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        foreach (var library in assets.RootElement.GetProperty("libraries").EnumerateObject())
        {
            string[] idAndVersion = library.Name.Split('/');
            if (idAndVersion[0] == id)
                return (Path.Combine(packages, library.Value.GetProperty("path").GetString()!), idAndVersion[1]);
        }
        throw new InvalidOperationException($"{assetsPath} resolved no {id}.");
    }

    Dictionary<string, string> RunProbe()
    {
        // A throw-away HOME keeps any native telemetry or cache files out of the real one.
        string home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        var result = ChildProcess.Run("dotnet", [Path.Combine(ProbeOutput, "ProviderProbe.dll"), RepositoryPaths.FixtureEncoder],
            RepositoryPaths.Root, new Dictionary<string, string> { ["HOME"] = home });
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ProviderProbe exited with {result.ExitCode}:\n{result.Out}\n{result.Error}");
        return result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }
}
