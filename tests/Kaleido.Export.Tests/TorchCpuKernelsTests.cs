using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests;

public sealed partial class TorchCpuKernelsTests
{
    [Fact]
    public void The_cap_reaches_the_environment_native_code_reads()
    {
        // Either the cap or the user's own choice, but visible to oneDNN's getenv, not only to .NET.
        Assert.True(getenv(TorchCpuKernels.IsaVariable) != IntPtr.Zero || getenv(TorchCpuKernels.LegacyIsaVariable) != IntPtr.Zero);
    }

    [Theory]
    [InlineData(24, 16)]
    [InlineData(24, 3)]
    [InlineData(8, 8)]
    public void A_batched_convolution_equals_one_image_at_a_time(int inChannels, int side)
    {
        // The shape that went wrong under oneDNN's AVX-512 kernels (see TorchCpuKernels), with fresh random inputs.
        using var _ = no_grad();
        using var generator = new Generator((ulong)Random.Shared.NextInt64());
        var conv = nn.Conv2d(inChannels, 8, 3, padding: 1);
        foreach (var p in conv.parameters())
            p.uniform_(-0.2, 0.2, generator);
        var x = randn([4, inChannels, side, side], generator: generator);
        var batched = conv.forward(x);
        for (int i = 0; i < 4; i++)
        {
            var single = conv.forward(x[i..(i + 1)].contiguous());
            double difference = (single - batched[i..(i + 1)]).abs().max().item<float>();
            Assert.True(difference < 1e-5, $"row {i}: batched and single convolutions differ by {difference:E2}");
        }
    }

    [Theory]
    [InlineData(24, 16)]
    [InlineData(8, 16)]
    [InlineData(16, 8)]
    [InlineData(3, 16)]
    public void A_batched_convolution_gradient_equals_the_sum_over_images(int inChannels, int side)
    {
        using var generator = new Generator((ulong)Random.Shared.NextInt64());
        var conv = nn.Conv2d(inChannels, 8, 3, padding: 1);
        using (no_grad())
            foreach (var p in conv.parameters())
                p.uniform_(-0.2, 0.2, generator);
        var x = randn([4, inChannels, side, side], generator: generator);
        var target = randn([4, 8, side, side], generator: generator);
        conv.zero_grad();
        (conv.forward(x) - target).square().sum().backward();
        var batched = conv.weight!.grad!.clone();
        var summed = zeros_like(batched);
        for (int i = 0; i < 4; i++)
        {
            conv.zero_grad();
            (conv.forward(x[i..(i + 1)].contiguous()) - target[i..(i + 1)]).square().sum().backward();
            summed += conv.weight!.grad!;
        }
        double difference = (summed - batched).abs().max().item<float>() / batched.abs().max().item<float>();
        Assert.True(difference < 1e-4, $"the batched weight gradient differs from the per-image sum by {difference:E2} (relative)");
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
