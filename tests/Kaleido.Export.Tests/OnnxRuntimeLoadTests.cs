using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Export.Tests;

public sealed class OnnxRuntimeLoadTests
{
    [Fact]
    public void Onnx_runtime_loads_beside_libtorch()
    {
        Assert.Contains("CPUExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
    }
}
