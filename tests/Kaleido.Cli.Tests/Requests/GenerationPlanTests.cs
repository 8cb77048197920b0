using Kaleido.Cli.Requests;

using Kaleido.Runtime;

namespace Kaleido.Cli.Tests.Requests;

public sealed class GenerationPlanTests
{
    static IReadOnlyList<PlannedRecord> Plan(string text, GenerationSettings? settings = null) =>
        GenerationPlan.Create(PromptFile.Parse(new StringReader(text), "p.jsonl"), settings ?? new GenerationSettings(), 7);

    [Theory]
    [InlineData("cat", "cat")]
    [InlineData("A-b_c.9", "A-b_c.9")]
    [InlineData("a cat/dog", "a_cat_dog")]
    [InlineData("..", "_.")]
    [InlineData(".hidden", "_hidden")]
    [InlineData("Kätzchen", "K_tzchen")]
    [InlineData("🐱x", "_x")] // one '_' per character, not per UTF-16 unit
    [InlineData("a\\b:c*?", "a_b_c__")]
    public void Sanitise_keeps_only_safe_characters(string id, string stem)
    {
        Assert.Equal(stem, OutputNames.Sanitise(id));
    }

    [Fact]
    public void Images_are_numbered_from_the_start_index_and_named_by_record_and_index()
    {
        var plan = Plan("plain prompt\n{\"id\": \"a b\", \"prompt\": \"p\", \"count\": 2}\n",
            new GenerationSettings { Count = 3, StartIndex = 9 });

        Assert.Equal("line-1", plan[0].FileStem);
        Assert.Equal(
            [new ImageIdentity(9, "line-1-0009.png", "line-1-0009.latents.json"),
             new ImageIdentity(10, "line-1-0010.png", "line-1-0010.latents.json"),
             new ImageIdentity(11, "line-1-0011.png", "line-1-0011.latents.json")],
            plan[0].Images);
        Assert.Equal(
            [new ImageIdentity(9, "a_b-0009.png", "a_b-0009.latents.json"),
             new ImageIdentity(10, "a_b-0010.png", "a_b-0010.latents.json")],
            plan[1].Images);
        Assert.Equal("a_b-12345.png", OutputNames.ImageFileName("a_b", 12345));
    }

    [Fact]
    public void An_image_keeps_its_name_whichever_records_come_before_it()
    {
        var alone = Plan("{\"id\": \"z\", \"prompt\": \"p\", \"count\": 2}");
        var after = Plan("x\ny\n{\"id\": \"z\", \"prompt\": \"p\", \"count\": 2}", new GenerationSettings { Count = 5 });

        Assert.Equal(alone[0].Images, after[2].Images);
        Assert.Equal(alone[0].Seed, after[2].Seed);
    }

    [Theory]
    [InlineData("{\"id\": \"a b\", \"prompt\": \"p\"}\n{\"id\": \"a/b\", \"prompt\": \"q\"}",
        "p.jsonl: line 1 (id 'a b') and line 2 (id 'a/b') would both write 'a_b-NNNN.png'")]
    [InlineData("plain\n{\"id\": \"x\", \"prompt\": \"q\"}\n{\"id\": \"line-1\", \"prompt\": \"r\"}",
        "p.jsonl: line 1 (no id) and line 3 (id 'line-1') would both write 'line-1-NNNN.png'")]
    [InlineData("{\"id\": \"Cat\", \"prompt\": \"p\"}\n{\"id\": \"cat\", \"prompt\": \"q\"}",
        "p.jsonl: line 1 (id 'Cat') and line 2 (id 'cat') would both write 'cat-NNNN.png'")]
    public void Records_whose_file_names_collide_are_both_named(string text, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => Plan(text));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Record_overrides_apply_on_top_of_the_command_line_and_leave_the_rest()
    {
        var commandLine = new GenerationSettings { Steps = 40, Guidance = 3, Sampler = "ddim", Eta = 0.5, TopK = 7, StartIndex = 2 };
        var plan = Plan("plain\n{\"prompt\": \"p\", \"steps\": 12, \"sampler\": \"ddpm\", \"eta\": 0, \"topP\": 0.5}", commandLine);

        Assert.Equal(commandLine, plan[0].Settings);
        Assert.Equal(commandLine with { Steps = 12, Sampler = "ddpm", Eta = 0, TopP = 0.5 }, plan[1].Settings);
    }
}
