using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Fidelity;

namespace Kaleido.Tools.Tests.Fidelity;

public sealed class HeldOutCaptionsTests
{
    [Fact]
    public void Generate_IsDeterministic_AndFillsEveryClass()
    {
        var first = HeldOutCaptions.Generate(5, [], seed: 42, maxScenes: 5000);
        var second = HeldOutCaptions.Generate(5, [], seed: 42, maxScenes: 5000);
        Assert.Equal(first.Select(c => c.Caption), second.Select(c => c.Caption));
        Assert.Equal(20, first.Count);
        Assert.Equal(first.Count, first.Select(c => c.Caption).Distinct().Count());
        foreach (CaptionClass c in CaptionClassInfo.All)
            Assert.Equal(5, first.Count(h => h.Class == c));
        Assert.All(first, h => Assert.Equal(CaptionClassInfo.Classify(h.Caption), h.Class));
        Assert.NotEqual(first.Select(c => c.Caption), HeldOutCaptions.Generate(5, [], seed: 43, maxScenes: 5000).Select(c => c.Caption));
    }

    [Fact]
    public void Generate_NeverReturnsACaptionOfTheTrainingManifest()
    {
        // A "training manifest" holding the dataset's own captions of seed 1, including the first ones the generator would give.
        var free = HeldOutCaptions.Generate(10, [], seed: 42, maxScenes: 20_000);
        string path = Path.Combine(Path.GetTempPath(), $"fidelity-manifest-{Guid.NewGuid():N}.jsonl");
        try
        {
            var training = new List<string>(free.Take(25).Select(c => c.Caption));
            for (int i = 0; i < 500; i++)
            {
                SceneRandom random = SceneRandom.ForImage(1, i);
                training.Add(CaptionWriter.Write(SceneSampler.Sample(random), random));
            }
            var box = new BboxLatents([new GroundedBox("small red circle", new BoundingBox(0, 0, 10, 10))], ".");
            File.WriteAllLines(path, training.Select(c => LatentsDocumentWriter.Write(new LatentsDocument(c, box), indented: false)));

            HashSet<string> prompts = HeldOutCaptions.ReadPrompts(path);
            Assert.Equal(training.ToHashSet(), prompts);
            var heldOut = HeldOutCaptions.Generate(10, prompts, seed: 42, maxScenes: 20_000);
            Assert.NotEmpty(heldOut);
            Assert.DoesNotContain(heldOut, h => prompts.Contains(h.Caption));
            Assert.Equal(heldOut.Select(h => h.Caption), HeldOutCaptions.Generate(10, prompts, seed: 42, maxScenes: 20_000).Select(h => h.Caption));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Verb_ParsesItsOptions()
    {
        var options = Assert.IsType<FidelityOptions>(Program.Parse(["fidelity", "--model", "m", "--manifest", "t.jsonl", "--draws", "7", "--json"]));
        Assert.Equal("m", options.Model);
        Assert.Equal("t.jsonl", options.Manifest);
        Assert.Equal(7, options.Draws);
        Assert.Equal(30, options.CaptionsPerClass);
        Assert.Equal(1.0, options.Temperature);
        Assert.True(options.Json);
        Assert.Null(Program.Parse(["fidelity", "--model", "m"]));
    }
}
