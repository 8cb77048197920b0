using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Kaleido.Build.Tests;

/// <summary>
/// `-p:KaleidoFlavour=cuda` ships the GPU build of ONNX Runtime, and only it, although GenAI depends on
/// the CPU package; the CUDA provider is there even without a GPU, and asking for it on a machine
/// without CUDA 13 / cuDNN 9 says what to install.
/// </summary>
public sealed class CudaFlavourTests(CudaFlavourBuild build) : IClassFixture<CudaFlavourBuild>
{
    [Fact]
    public void Cli_ships_the_gpu_libonnxruntime_with_its_cuda_provider_beside_it()
    {
        var runtimes = Directory.GetFiles(build.CliOutput, "libonnxruntime.so", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(build.CliOutput, "libonnxruntime.so")], runtimes);
        Assert.Equal(Sha256(build.GpuPackageNative("libonnxruntime.so")), Sha256(runtimes[0]));
        foreach (string provider in new[] { "libonnxruntime_providers_cuda.so", "libonnxruntime_providers_shared.so" })
            Assert.Equal(Sha256(build.GpuPackageNative(provider)), Sha256(Path.Combine(build.CliOutput, provider)));
    }

    [Fact]
    public void No_file_of_the_cpu_onnx_runtime_package_ships()
    {
        string cpuRuntime = Path.Combine(build.CpuPackageFolder, "runtimes", "linux-x64", "native", "libonnxruntime.so");
        Assert.True(File.Exists(cpuRuntime), $"{cpuRuntime} missing: the check below would mean nothing.");
        Assert.NotEqual(Sha256(cpuRuntime), Sha256(build.GpuPackageNative("libonnxruntime.so")));

        // Every platform's files of the CPU package (Windows DLLs too), matched by size, then by content.
        var cpuFiles = Directory.GetFiles(Path.Combine(build.CpuPackageFolder, "runtimes"), "*", SearchOption.AllDirectories);
        var cpuHashesBySize = cpuFiles.GroupBy(f => new FileInfo(f).Length)
            .ToDictionary(g => g.Key, g => g.Select(Sha256).ToHashSet());
        foreach (string shipped in Directory.GetFiles(build.CliOutput, "*", SearchOption.AllDirectories))
        {
            bool fromCpuPackage = cpuHashesBySize.TryGetValue(new FileInfo(shipped).Length, out var hashes)
                && hashes.Contains(Sha256(shipped));
            Assert.False(fromCpuPackage, $"{Path.GetFileName(shipped)} is a file of {build.CpuPackageFolder}.");
        }

        string deps = File.ReadAllText(Path.Combine(build.CliOutput, "kaleido.deps.json"));
        Assert.DoesNotContain($"\"Microsoft.ML.OnnxRuntime/{build.CpuPackageVersion}\"", deps);
    }

    [Fact]
    public void Managed_onnx_runtime_matches_the_gpu_native_version()
    {
        Version managed = AssemblyName.GetAssemblyName(Path.Combine(build.CliOutput, "Microsoft.ML.OnnxRuntime.dll")).Version!;
        Assert.Equal(Version.Parse(build.GpuPackageVersion), new Version(managed.Major, managed.Minor, managed.Build));
    }

    [Fact]
    public void Gpu_onnx_runtime_lists_the_cuda_provider_without_a_gpu()
    {
        string probeRuntime = Path.Combine(build.ProbeOutput, "libonnxruntime.so");
        Assert.Equal(probeRuntime, build.ProbeReport["library"]);
        Assert.Equal(Sha256(Path.Combine(build.CliOutput, "libonnxruntime.so")), Sha256(probeRuntime));

        string[] providers = build.ProbeReport["providers"].Split(',');
        Assert.Contains("CUDAExecutionProvider", providers);
        Assert.Contains("CPUExecutionProvider", providers);
    }

    [Fact]
    public void Device_cuda_without_cuda_13_and_cudnn_9_names_what_to_install()
    {
        string outcome = build.ProbeReport["cuda"];
        if (CanRunCuda())
        {
            Assert.Equal("opened", outcome);
            return;
        }
        Assert.StartsWith("DeviceUnavailableException: ", outcome);
        Assert.Contains("CUDA 13", outcome);
        Assert.Contains("cuDNN 9", outcome);
    }

    /// <summary>This machine has a GPU device node and the CUDA 13 / cuDNN 9 libraries the provider links.</summary>
    static bool CanRunCuda()
    {
        bool libraries = true;
        foreach (string name in new[] { "libcublasLt.so.13", "libcudart.so.13", "libcudnn.so.9" })
        {
            if (NativeLibrary.TryLoad(name, out nint handle))
                NativeLibrary.Free(handle);
            else
                libraries = false;
        }
        return libraries && File.Exists("/dev/nvidia0");
    }

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
