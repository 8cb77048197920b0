using Kaleido.Export.Toy;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToyConditioningTests
{
    [Fact]
    public void Baseline_ids_are_classes_and_null_is_the_last_row()
    {
        var conditioning = ToyConditioning.For(ToyModelKind.Baseline, ToyMixture.Paper);
        Assert.Equal(0, conditioning.Id(0, 1));
        Assert.Equal(1, conditioning.Id(1, 0));
        Assert.Equal(2, conditioning.NullId);
        Assert.Equal(3, conditioning.EmbeddingRows);
    }

    [Fact]
    public void Latent_ids_are_distinct_per_class_and_sub_mode_and_null_drops_both()
    {
        var conditioning = ToyConditioning.For(ToyModelKind.LatentAugmented, ToyMixture.Paper);
        int[] ids = [conditioning.Id(0, 0), conditioning.Id(0, 1), conditioning.Id(1, 0), conditioning.Id(1, 1)];
        Assert.Equal([0, 1, 2, 3], ids);
        Assert.Equal(4, conditioning.NullId);
        Assert.Equal(5, conditioning.EmbeddingRows);
    }

    [Fact]
    public void Out_of_range_sub_mode_is_rejected()
    {
        var conditioning = ToyConditioning.For(ToyModelKind.LatentAugmented, ToyMixture.Paper);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => conditioning.Id(0, 2));
        Assert.Equal("subMode", error.ParamName);
    }
}
