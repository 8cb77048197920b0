using System.Runtime.CompilerServices;

namespace Kaleido.Export.Tests;

internal static class TorchCpuKernelsSetup
{
    /// <summary>Tests call TorchSharp before they touch Kaleido.Export, so the oneDNN cap runs here first.</summary>
    [ModuleInitializer]
    internal static void Run() => TorchCpuKernels.CapOneDnnIsa();
}
