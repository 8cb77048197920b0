using Kaleido.Runtime.Native;
using static TorchSharp.torch;

namespace Kaleido.Export.Packaging;

/// <summary>
/// Makes libtorch compute the same bits on every x86-64 machine with AVX2: <c>manual_seed</c> is reproducible
/// run to run, but libtorch, MKL and oneDNN pick kernels by the CPU's instruction set (AVX-512 kernels sum in
/// another order), so the kernels are pinned to AVX2 and to one thread.
/// </summary>
public static class ReproducibleTorch
{
    /// <summary>The variables read once, when libtorch loads, and the values that pin them.</summary>
    public static IReadOnlyList<(string Name, string Value)> Variables { get; } =
    [
        ("ATEN_CPU_CAPABILITY", "avx2"),
        ("MKL_CBWR", "AVX2"),
        ("ONEDNN_MAX_CPU_ISA", "AVX2"),
        ("OMP_NUM_THREADS", "1"),
    ];

    /// <summary>
    /// Pins the kernels and threads. Must run before the process's first TorchSharp call: libtorch reads the
    /// variables when it loads. Throws if it is already loaded (run in a fresh process instead).
    /// </summary>
    public static void Pin()
    {
        if (IsLibTorchLoaded())
            throw new InvalidOperationException(
                "libtorch is already loaded in this process, so its CPU kernels can no longer be pinned; " +
                "regenerate fixtures in a fresh process (kaleido-export fixtures).");
        foreach (var (name, value) in Variables)
            NativeEnvironment.Set(name, value);
        set_num_threads(1);
        set_num_interop_threads(1);
    }

    /// <summary>Whether libtorch's CPU library is mapped into this process (Linux: /proc/self/maps).</summary>
    public static bool IsLibTorchLoaded() =>
        OperatingSystem.IsLinux() && File.ReadLines("/proc/self/maps").Any(line => line.Contains("libtorch_cpu", StringComparison.Ordinal));
}
