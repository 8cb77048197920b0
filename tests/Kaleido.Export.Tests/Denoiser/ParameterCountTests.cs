using Kaleido.Export.Denoiser;

namespace Kaleido.Export.Tests.Denoiser;

public sealed class ParameterCountTests
{
    /// <summary>What Apple's ml-mdm code counts for the B.1 shapes (with its micro-conditioning MLPs).</summary>
    private const long MlMdmPaperB1Count = 452_458_822;

    [Fact]
    public void Paper_B1_count_is_within_one_percent_of_ml_mdm()
    {
        long count = NestedUNet.CountParameters(DenoiserConfigs.PaperB1);
        Assert.InRange(Math.Abs(count - MlMdmPaperB1Count) / (double)MlMdmPaperB1Count, 0.0, 0.01);
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("small")]
    public void Meta_count_equals_allocated_parameters(string name)
    {
        var config = name == "tiny" ? DenoiserConfigs.Tiny : DenoiserConfigs.Small;
        using var model = new NestedUNet(config);
        long allocated = model.parameters().Sum(p => p.numel());
        Assert.Equal(allocated, NestedUNet.CountParameters(config));
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("small")]
    [InlineData("b1")]
    public void Count_matches_an_independent_shape_formula(string name)
    {
        var config = name switch { "tiny" => DenoiserConfigs.Tiny, "small" => DenoiserConfigs.Small, _ => DenoiserConfigs.PaperB1 };
        Assert.Equal(ShapeFormula.Count(config), NestedUNet.CountParameters(config));
    }
}
