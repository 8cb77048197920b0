using System.Runtime.CompilerServices;
using Kaleido.Runtime.Native;

namespace Kaleido.Export;

/// <summary>
/// Keeps libtorch's oneDNN kernels at AVX (no AVX2, no AVX-512). On the VM of 2026-12-04 (AMD EPYC with
/// avx512_vp2intersect) oneDNN's AVX-512 kernels gave a 3×3 convolution over 24 input channels a result that
/// depends on the batch (rows up to 0.5 apart, batch against one image at a time), so batched torch disagreed
/// with ONNX Runtime; capped at AVX2 that agreed, but the tiny training runs still went to NaN. Capped at AVX
/// (or SSE4.1) every torch test passes. ATen's own kernels and MKL were not the cause (pinning them changed
/// nothing). A user's own <c>ONEDNN_MAX_CPU_ISA</c> (or its old name <c>DNNL_MAX_CPU_ISA</c>) wins.
/// </summary>
public static class TorchCpuKernels
{
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";
    public const string LegacyIsaVariable = "DNNL_MAX_CPU_ISA";
    public const string CappedIsa = "AVX";

    /// <summary>
    /// Caps oneDNN at AVX unless the user chose. oneDNN reads the variable at its first primitive, so this must
    /// run before the process's first convolution; this assembly runs it when it loads, and an assembly that
    /// calls TorchSharp before touching this one (a test assembly) calls it itself.
    /// </summary>
    [ModuleInitializer]
    public static void CapOneDnnIsa()
    {
        if (Environment.GetEnvironmentVariable(IsaVariable) is not null || Environment.GetEnvironmentVariable(LegacyIsaVariable) is not null)
            return;
        NativeEnvironment.Set(IsaVariable, CappedIsa);
    }
}
