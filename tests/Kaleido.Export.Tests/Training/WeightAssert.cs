namespace Kaleido.Export.Tests.Training;

internal static class WeightAssert
{
    /// <summary>Every tensor of <paramref name="actual"/>'s state equals <paramref name="expected"/>'s, bit for bit.</summary>
    public static void Same(TorchSharp.torch.nn.Module expected, TorchSharp.torch.nn.Module actual, string what = "Weight")
    {
        var actualState = actual.state_dict();
        foreach (var (name, tensor) in expected.state_dict())
            Assert.True(tensor.equal(actualState[name]).all().item<bool>(), $"{what} {name} differs.");
    }
}
