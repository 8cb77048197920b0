using System.Diagnostics;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Runtime.Package;
using Xunit.Abstractions;

namespace Kaleido.Export.Tests.Packaging;

/// <summary>
/// `kaleido-export fixtures` reproduces the committed fixture packages byte for byte. It runs as a child process:
/// libtorch reads its kernel pinning when it loads, and other tests in this process load it first.
/// </summary>
public sealed class FixtureReproductionTests(ITestOutputHelper output)
{
    [Fact]
    public void Regenerated_fixtures_match_the_committed_hashes()
    {
        string temp = Directory.CreateTempSubdirectory("kaleido-fixtures-").FullName;
        try
        {
            RunExport(["fixtures", "--out", temp]);
            foreach (string name in new[] { FixtureCommand.KaleidoName, FixtureCommand.BaselineName })
            {
                PackageManifest committed = ModelPackage.Load(FixturePaths.Package(name)).Manifest;
                foreach (PackageFile file in committed.Files)
                {
                    string regenerated = Path.Combine(temp, name, file.Path);
                    Assert.True(File.Exists(regenerated), $"{name}/{file.Path} was not regenerated.");
                    string actual = PackageHashing.Sha256Hex(regenerated);
                    Assert.True(actual == file.Sha256,
                        $"{name}/{file.Path}: regenerated SHA-256 {actual}, committed {file.Sha256}. CPU flags: {CpuFlags()}");
                }
                Assert.Equal(committed.Files.Select(f => f.Path).Order(), ModelPackage.Load(Path.Combine(temp, name)).Manifest.Files.Select(f => f.Path).Order());
                Assert.True(File.ReadAllBytes(Path.Combine(temp, name, ModelPackage.ManifestFileName))
                        .AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(FixturePaths.Package(name), ModelPackage.ManifestFileName))),
                    $"{name}/{ModelPackage.ManifestFileName} differs from the committed one. CPU flags: {CpuFlags()}");
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    void RunExport(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(FixturePaths.ExportDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output.WriteLine(stdout);
        Assert.True(process.ExitCode == 0, $"kaleido-export {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
    }

    /// <summary>The instruction-set flags of this CPU: a hash mismatch usually means libtorch picked other kernels.</summary>
    static string CpuFlags()
    {
        const string path = "/proc/cpuinfo";
        string? line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) : null;
        return line is null ? "(unknown: no /proc/cpuinfo)" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
