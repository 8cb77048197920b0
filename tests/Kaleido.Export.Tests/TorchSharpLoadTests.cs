using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests;

public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Libtorch_loads_and_multiplies()
    {
        // Fails if the native library cannot be loaded (e.g. the GLIBCXX patch did not run).
        using var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, b.data<float>().ToArray());
    }
}
