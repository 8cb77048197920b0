using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Runtime.Tests.Pipeline;

/// <summary>The same pipeline on the committed baseline package: no prior, caption-only conditioning.</summary>
public sealed class BaselinePipelineTests
{
    [Fact]
    public void A_baseline_package_generates_deterministic_images_without_latents()
    {
        using var pipeline = KaleidoPipeline.Open(FixturePackages.Load(FixturePackages.TinyBaseline));
        Assert.False(pipeline.HasPrior);
        var settings = new RenderSettings { Steps = 5, Guidance = 2.5f };
        var images = pipeline.Generate(new GenerationRequest("a blue square", 13, [0, 1]) { Render = settings });
        var again = pipeline.Generate(new GenerationRequest("a blue square", 13, [1]) { Render = settings });

        Assert.Null(images[0].Latents);
        Assert.Null(images[0].Metadata.Latents);
        Assert.Equal("tiny-baseline", images[0].Metadata.ModelId);
        Assert.All(images[0].Pixels, v => Assert.InRange(v, -1f, 1f));
        Assert.NotEqual(images[0].Pixels, images[1].Pixels);
        Assert.Equal(images[1].Pixels, again[0].Pixels);
        Assert.Equal(images[1].Pixels, pipeline.Render(null, "a blue square", 13, 1, settings).Pixels);

        var latents = new LatentsDocument("a blue square", LatentsParser.Parse(LatentKind.Text, "x"));
        Assert.Throws<UserInputException>(() => pipeline.Render(latents, 13, 0, settings));
        Assert.Throws<UserInputException>(() => pipeline.SampleLatents("a blue square", 13, 0));
    }
}
