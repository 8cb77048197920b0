using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Settings;
using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Tests.Pipeline;

/// <summary>The whole prompt → latents → image path on the committed tiny Kaleido package (random weights, 16²+8²).</summary>
public sealed class KaleidoPipelineTests(TinyKaleidoPipeline fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TinyKaleidoPipeline>
{
    const string Prompt = "a red circle above a blue square";
    static readonly RenderSettings Fast = new() { Steps = 6, Guidance = 3.0f, GuidanceCutoff = 0 };
    KaleidoPipeline Pipeline => fixture.Pipeline;

    GenerationRequest Request(ulong seed, params int[] indices) => new(Prompt, seed, indices) { Render = Fast };

    [Fact]
    public void Sampled_latents_parse_with_the_package_kind_and_carry_their_origin()
    {
        LatentsDocument document = Pipeline.SampleLatents(Prompt, seed: 11, index: 2, render: Fast);
        Assert.Equal(LatentKind.Text, document.Kind);
        string text = LatentsFormatter.Format(document.Latents);
        Assert.NotEmpty(text);
        Assert.Equal(text, LatentsFormatter.Format(LatentsParser.Parse(LatentKind.Text, text)));
        Assert.Equal((11UL, 2, "tiny-kaleido"), (document.Seed!.Value, document.Index!.Value, document.ModelId!));
        // The document survives its JSON form, as `render` will read it.
        LatentsDocument reread = LatentsDocumentReader.Read(LatentsDocumentWriter.Write(document));
        Assert.Equal(text, LatentsFormatter.Format(reread.Latents));
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_images_and_latents_twice()
    {
        var first = Pipeline.Generate(Request(5, 0, 1));
        var second = Pipeline.Generate(Request(5, 0, 1));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(first[i].Pixels, second[i].Pixels);
            Assert.Equal(first[i].Metadata, second[i].Metadata);
        }
        Assert.Equal(3 * 16 * 16, first[0].Pixels.Length);
        Assert.All(first[0].Pixels, v => Assert.InRange(v, -1f, 1f)); // clip thresholding
        Assert.NotEqual(first[0].Pixels, first[1].Pixels);
    }

    [Fact]
    public void Image_i_alone_equals_image_i_of_a_run_of_four()
    {
        var four = Pipeline.Generate(Request(7, 0, 1, 2, 3));
        var alone = Pipeline.Generate(Request(7, 2));
        Assert.Equal(2, alone[0].Index);
        Assert.Equal(four[2].Pixels, alone[0].Pixels);
        Assert.Equal(four[2].Metadata, alone[0].Metadata);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Batched_images_are_the_bytes_each_gets_alone(int batchSize)
    {
        // Five images of one request and two of another with other steps (never in one batch), B at a time, the last
        // batch of each setting padded; guided and, in the second request, unguided (w = 1: one row per image). The third
        // is guided above t = 500 only: its last three steps (t = 429, 286, 143) run each image's conditional row alone.
        var second = new GenerationRequest("a green triangle", 4, [3, 0]) { Render = Fast with { Steps = 4, Guidance = 1f } };
        var third = new GenerationRequest("a blue circle", 6, [1, 2, 5]) { Render = Fast with { GuidanceCutoff = 500 } };
        IReadOnlyList<RenderedImage> batched = Pipeline.Generate([Request(12, 0, 1, 2, 3, 4), second, third], batchSize);
        RenderedImage[] alone = [.. new[] { 0, 1, 2, 3, 4 }.Select(i => Pipeline.Generate(Request(12, i))[0]),
            .. new[] { 3, 0 }.Select(i => Pipeline.Generate(second with { Indices = [i] })[0]),
            .. new[] { 1, 2, 5 }.Select(i => Pipeline.Generate(third with { Indices = [i] })[0])];
        Assert.Equal(alone.Length, batched.Count);
        for (int i = 0; i < alone.Length; i++)
        {
            Assert.Equal(alone[i].Metadata, batched[i].Metadata);
            Assert.True(alone[i].Pixels.AsSpan().SequenceEqual(batched[i].Pixels), $"Image {i} of the run differs from itself alone at B = {batchSize}.");
        }
        Assert.NotEqual(batched[0].Pixels, batched[1].Pixels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_batch_size_out_of_range_is_refused_by_name(int batchSize)
    {
        var e = Assert.Throws<UserInputException>(() => Pipeline.Generate([Request(1, 0)], batchSize));
        Assert.Equal([SettingKeys.BatchSize], e.SettingKeys);
        Assert.Contains("from 1 to 64", e.Message);
    }

    [Fact]
    public void A_different_seed_gives_a_different_image()
    {
        var a = Pipeline.Generate(Request(1, 0))[0];
        var b = Pipeline.Generate(Request(2, 0))[0];
        Assert.NotEqual(a.Pixels, b.Pixels);
    }

    [Fact]
    public void Rendering_the_sampled_latents_reproduces_the_generated_image_bit_for_bit()
    {
        RenderedImage generated = Pipeline.Generate(Request(9, 3))[0];
        // Through the JSON file a user would keep.
        LatentsDocument document = LatentsDocumentReader.Read(LatentsDocumentWriter.Write(generated.Latents!));
        RenderedImage rendered = Pipeline.Render(document, seed: 9, index: 3, Fast);
        Assert.Equal(generated.Pixels, rendered.Pixels);
        Assert.Equal(generated.Metadata, rendered.Metadata);
    }

    [Fact]
    public void A_guidance_cutoff_changes_the_image_is_recorded_and_renders_again_bit_for_bit()
    {
        RenderSettings cut = Fast with { GuidanceCutoff = 500 };
        RenderedImage guided = Pipeline.Generate(Request(9, 3))[0];
        RenderedImage generated = Pipeline.Generate(new GenerationRequest(Prompt, 9, [3]) { Render = cut })[0];
        Assert.NotEqual(guided.Pixels, generated.Pixels);
        Assert.Equal((0, 500), (guided.Metadata.GuidanceCutoff, generated.Metadata.GuidanceCutoff));
        Assert.Null(guided.Latents!.Sampling!.GuidanceCutoff); // the paper's 0 is not written
        Assert.Equal(500, generated.Latents!.Sampling!.GuidanceCutoff);

        LatentsDocument document = LatentsDocumentReader.Read(LatentsDocumentWriter.Write(generated.Latents!));
        RenderedImage rendered = Pipeline.Render(document, seed: 9, index: 3, cut);
        Assert.Equal(generated.Pixels, rendered.Pixels);
        Assert.Equal(generated.Metadata, rendered.Metadata);
    }

    [Fact]
    public void A_cutoff_above_every_step_renders_what_guidance_1_renders()
    {
        // Every step unguided runs the same one-row calls on the same conditional row as w = 1: the same bits.
        var latents = new LatentsDocument(Prompt, LatentsParser.Parse(LatentKind.Text, "a red circle"));
        RenderedImage allUnguided = Pipeline.Render(latents, seed: 4, index: 1, Fast with { GuidanceCutoff = 1000 });
        RenderedImage unguided = Pipeline.Render(latents, seed: 4, index: 1, Fast with { Guidance = 1 });
        Assert.Equal(unguided.Pixels, allUnguided.Pixels);
        Assert.NotEqual(Pipeline.Render(latents, seed: 4, index: 1, Fast).Pixels, allUnguided.Pixels);
    }

    [Fact]
    public void An_edited_latents_text_changes_the_image()
    {
        var original = new LatentsDocument(Prompt, LatentsParser.Parse(LatentKind.Text, "a red circle"));
        var edited = new LatentsDocument(Prompt, LatentsParser.Parse(LatentKind.Text, "a green triangle"));
        var a = Pipeline.Render(original, seed: 3, index: 0, Fast);
        var b = Pipeline.Render(edited, seed: 3, index: 0, Fast);
        var again = Pipeline.Render(original, seed: 3, index: 0, Fast);
        Assert.NotEqual(a.Pixels, b.Pixels);
        Assert.Equal(a.Pixels, again.Pixels);
    }

    [Fact]
    public void Guidance_changes_the_image_and_the_prompt_matters()
    {
        var latents = new LatentsDocument(Prompt, LatentsParser.Parse(LatentKind.Text, "a red circle"));
        var guided = Pipeline.Render(latents, seed: 4, index: 0, Fast);
        var unguided = Pipeline.Render(latents, seed: 4, index: 0, Fast with { Guidance = 1 });
        Assert.NotEqual(guided.Pixels, unguided.Pixels);
        var otherPrompt = new LatentsDocument("a cat", latents.Latents);
        Assert.NotEqual(unguided.Pixels, Pipeline.Render(otherPrompt, seed: 4, index: 0, Fast with { Guidance = 1 }).Pixels);
    }

    [Fact]
    public void Progress_reports_the_numbered_stages_in_order_and_every_step()
    {
        var seen = new List<PipelineProgress>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stepTimes = new List<double>();
        Pipeline.Generate(Request(1, 0), p =>
        {
            seen.Add(p);
            if (p.Stage == PipelineStage.Denoise) { stepTimes.Add(clock.Elapsed.TotalMilliseconds); clock.Restart(); }
        });
        // Information only (no timed assertion): guided tiny denoiser, 2 rows per step, after the first step.
        output.WriteLine($"ms per guided step (tiny, 16²+8²): {string.Join(", ", stepTimes.Skip(1).Select(t => t.ToString("F2")))}");
        var stages = seen.Select(p => p.Stage).Distinct().ToArray();
        Assert.Equal(Enum.GetValues<PipelineStage>(), stages);
        Assert.Equal(Enumerable.Range(1, Fast.Steps), seen.Where(p => p.Stage == PipelineStage.Denoise).Select(p => p.Step));
    }

    [Fact]
    public void An_over_long_caption_names_the_limit_unless_truncated()
    {
        string longPrompt = string.Join(' ', Enumerable.Repeat("circle", 200));
        var error = Assert.Throws<CaptionTooLongException>(() => Pipeline.Generate(new GenerationRequest(longPrompt, 1, [0]) { Render = Fast }));
        Assert.Contains($"limit of {Pipeline.Manifest.Conditioning.MaxCaptionTokens} tokens", error.Message);
        var image = Pipeline.Generate(new GenerationRequest(longPrompt, 1, [0]) { Render = Fast with { TruncateCaption = true } })[0];
        Assert.Equal(3 * 16 * 16, image.Pixels.Length);
    }

    [Fact]
    public void Bad_settings_and_mismatched_latents_are_user_errors()
    {
        Assert.Throws<UserInputException>(() => Pipeline.Generate(Request(1, 0) with { Render = Fast with { Sampler = "euler" } }));
        Assert.Throws<UserInputException>(() => Pipeline.Generate(Request(1, 0) with { Prior = new PriorSamplingSettings { TopP = 0 } }));
        var bbox = new LatentsDocument(Prompt, LatentsParser.Parse(LatentKind.Bbox, "Dog (1, 2, 3, 4)"));
        var error = Assert.Throws<UserInputException>(() => Pipeline.Render(bbox, 1, 0, Fast));
        Assert.Contains("'text'", error.Message);
    }
}
