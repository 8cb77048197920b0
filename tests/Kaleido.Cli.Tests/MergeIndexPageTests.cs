using System.Text.Json;
using Kaleido.Runtime.Latents;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kaleido.Cli.Tests;

/// <summary>
/// The <c>index.html</c> of a merge, opened from the file system (file://, no server) in Debian's headless chromium
/// driven by Playwright, as in <c>ServePageTests</c>: every image loads, every unit has its figure with its caption
/// and seed, and every latent box is an SVG rect at the box's place on the image. The shipped model is used for its
/// combined latents (the tiny fixture's have no boxes). Without chromium the test fails under CI=true and only says
/// so locally.
/// </summary>
public sealed class MergeIndexPageTests(ITestOutputHelper output)
{
    const string Chromium = "/usr/bin/chromium";
    const double Tolerance = 1.5; // px: a per-mille coordinate on the 256 px image is 0.256 px

    /// <summary>A caption with markup in it: shown as text, never parsed.</summary>
    const string Prompts = "a red circle and a blue square\n{\"id\": \"tag\", \"prompt\": \"a green <b>star</b> & a \\\"pink\\\" ellipse\", \"count\": 1}\n";

    [Fact]
    public async Task The_merged_index_page_shows_every_unit_with_its_boxes_in_headless_chromium()
    {
        if (!File.Exists(Chromium))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true",
                $"{Chromium} is missing: run build/prereqs.sh (it installs Debian's chromium package).");
            output.WriteLine($"Not run: {Chromium} is missing (run build/prereqs.sh); under CI=true this fails.");
            return;
        }
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);
        for (int i = 0; i < 2; i++)
        {
            var shard = CliRunner.RunIn(folder.Path, "generate", "--prompts", "p.txt", "--model", Fixtures.ShippedKaleido, "--steps", "2",
                "--count", "3", "--seed", "5", "--out", "out", "-q", "--shard-index", i.ToString(), "--shard-count", "2");
            Assert.Equal((ExitCodes.Ok, ""), (shard.ExitCode, shard.Error));
        }
        var merged = CliRunner.RunIn(folder.Path, "merge", "out", "-q");
        Assert.Equal((ExitCodes.Ok, ""), (merged.ExitCode, merged.Error));
        var units = File.ReadAllLines(folder["out/kaleido-manifest.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(o => o.GetProperty("kind").GetString() == "image").Select(o => o.GetProperty("file").GetString()!).ToList();
        Assert.Equal(4, units.Count);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        await page.GotoAsync(new Uri(folder["out/index.html"]).AbsoluteUri);
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal(units.Count, await page.Locator("figure").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"),
            "an image did not load from file://");
        Assert.Equal(0, await page.Locator("b").CountAsync()); // the caption's markup stayed text
        int boxes = 0;
        for (int unit = 0; unit < units.Count; unit++)
        {
            ILocator figure = page.Locator($"figure[data-unit=\"{unit}\"]");
            Assert.Equal(units[unit], await figure.Locator("img").GetAttributeAsync("src"));
            string latentsFile = folder[Path.Combine("out", units[unit].Replace(".png", ".latents.json"))];
            LatentsDocument document = LatentsDocumentReader.Read(File.ReadAllText(latentsFile));
            Assert.Equal(document.Prompt, await figure.Locator(".caption").TextContentAsync());
            string meta = (await figure.Locator(".meta").TextContentAsync())!;
            Assert.Contains($"seed 5 (image seed {document.Seed})", meta);
            Assert.Contains($"index {document.Index}", meta);
            Assert.Contains(document.Latents.ToText(), (await figure.Locator(".latents").TextContentAsync())!);

            var phrases = Assert.IsType<CombinedLatents>(document.Latents).Bbox.Phrases;
            ILocator rects = figure.Locator("svg rect");
            Assert.Equal(phrases.Count, await rects.CountAsync());
            LocatorBoundingBoxResult image = (await figure.Locator("img").BoundingBoxAsync())!;
            Assert.Equal(256, image.Width, 0.5);
            for (int i = 0; i < phrases.Count; i++)
            {
                BoundingBox b = phrases[i].Box;
                Assert.Equal(phrases[i].Phrase, await rects.Nth(i).Locator("title").TextContentAsync());
                Assert.Equal(b.X1.ToString(), await rects.Nth(i).GetAttributeAsync("x"));
                Assert.Equal((b.Y2 - b.Y1).ToString(), await rects.Nth(i).GetAttributeAsync("height"));
                // The browser's box of an SVG shape includes its stroke: half the (non-scaling) stroke width each side.
                double halfStroke = double.Parse((await rects.Nth(i).GetAttributeAsync("stroke-width"))!) / 2;
                AssertAt(image, [b.X1, b.Y1, b.X2, b.Y2], Inset((await rects.Nth(i).BoundingBoxAsync())!, halfStroke));
                boxes++;
            }
        }
        Assert.True(boxes > 0, "the sampled latents have no box to check");
        Assert.Empty(consoleErrors);

        if (Environment.GetEnvironmentVariable("KALEIDO_SCREENSHOT") is { Length: > 0 } screenshot)
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
    }

    static LocatorBoundingBoxResult Inset(LocatorBoundingBoxResult b, double by) => new()
    {
        X = (float)(b.X + by), Y = (float)(b.Y + by), Width = (float)(b.Width - 2 * by), Height = (float)(b.Height - 2 * by),
    };

    static void AssertAt(LocatorBoundingBoxResult image, int[] box, LocatorBoundingBoxResult element)
    {
        Assert.InRange(element.X, image.X + box[0] * image.Width / 1000 - Tolerance, image.X + box[0] * image.Width / 1000 + Tolerance);
        Assert.InRange(element.Y, image.Y + box[1] * image.Height / 1000 - Tolerance, image.Y + box[1] * image.Height / 1000 + Tolerance);
        Assert.InRange(element.Width, (box[2] - box[0]) * image.Width / 1000 - Tolerance, (box[2] - box[0]) * image.Width / 1000 + Tolerance);
        Assert.InRange(element.Height, (box[3] - box[1]) * image.Height / 1000 - Tolerance, (box[3] - box[1]) * image.Height / 1000 + Tolerance);
    }
}
