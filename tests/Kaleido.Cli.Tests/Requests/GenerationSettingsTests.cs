using Kaleido.Cli.Requests;

using Kaleido.Runtime;

namespace Kaleido.Cli.Tests.Requests;

public sealed class GenerationSettingsTests
{
    [Fact]
    public void Defaults_are_valid_and_are_the_runtimes()
    {
        // The runtime's few-step default (DDIM 15, guided for t >= 130) at the paper's guidance and prior settings.
        var s = new GenerationSettings();
        s.Validate();
        Assert.Equal((1, 0, 15, 7.0f, "ddim", 0.0, 130, 1.0, 0, 1.0),
            (s.Count, s.StartIndex, s.Steps, s.Guidance, s.Sampler, s.Eta, s.GuidanceCutoff, s.Temperature, s.TopK, s.TopP));
        // The paper's setting is valid too.
        new GenerationSettings { Sampler = "ddpm", Steps = 250, GuidanceCutoff = 0 }.Validate();
    }

    public static TheoryData<GenerationSettings, string> OutOfRange => new()
    {
        // Count has an upper bound now: planning 2^31 − 1 images ran out of memory (issue 16).
        { new() { Count = 0 }, "--count is 0; expected an integer from 1 to 100000 (images per prompt)." },
        { new() { Count = int.MaxValue }, "--count is 2147483647; expected an integer from 1 to 100000 (images per prompt)." },
        { new() { StartIndex = -1 }, "--start-index is -1; expected an integer >= 0." },
        { new() { StartIndex = int.MaxValue, Count = 2 }, "--count is 2; expected at most 1 so that image indices stay below 2^31" },
        { new() { Steps = 0 }, "--steps is 0; expected an integer from 1 to 1000." },
        { new() { Steps = 1001 }, "--steps is 1001; expected an integer from 1 to 1000." },
        { new() { Guidance = -0.5f }, "--cfg is -0.5; expected a finite number >= 0" },
        { new() { Guidance = float.NaN }, "--cfg is NaN; expected a finite number >= 0" },
        { new() { Guidance = float.PositiveInfinity }, "--cfg is Infinity; expected a finite number >= 0" },
        { new() { Sampler = "DDIM" }, "--sampler is 'DDIM'; expected one of 'ddpm', 'ddim', 'dpm++2m', 'unipc'." },
        { new() { Sampler = "euler" }, "--sampler is 'euler'; expected one of 'ddpm', 'ddim', 'dpm++2m', 'unipc'." },
        { new() { Sampler = "ddim", Eta = -1 }, "--eta is -1; expected a finite number >= 0." },
        { new() { Sampler = "ddpm", Eta = 0.5 }, "--eta is 0.5 but --sampler is 'ddpm'; eta applies to the 'ddim' sampler only" },
        { new() { GuidanceCutoff = -1 }, "--guidance-cutoff is -1; expected an integer from 0 (guidance at every step) to 1000." },
        { new() { GuidanceCutoff = 1001 }, "--guidance-cutoff is 1001; expected an integer from 0 (guidance at every step) to 1000." },
        // Temperature has one range, the prior's: 0 is greedy decoding, so only negative values are refused.
        { new() { Temperature = -1 }, "--temperature is -1; expected a finite number >= 0 (0 = greedy decoding)." },
        { new() { TopK = -1 }, "--top-k is -1; expected an integer >= 0 (0 turns top-k off)." },
        { new() { TopP = 0 }, "--top-p is 0; expected a number in (0, 1] (1 turns top-p off)." },
        { new() { TopP = 1.5 }, "--top-p is 1.5; expected a number in (0, 1]" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Out_of_range_option_is_named_with_the_allowed_range(GenerationSettings settings, string expected)
    {
        var e = Assert.Throws<UserInputException>(settings.Validate);
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Edges_of_each_range_are_accepted()
    {
        new GenerationSettings { Steps = 1, Guidance = 0, TopK = 0, TopP = 1, Temperature = 1e-6 }.Validate();
        new GenerationSettings { Temperature = 0 }.Validate();
        new GenerationSettings { Steps = 1000, Sampler = "ddim", Eta = 0, StartIndex = int.MaxValue, Count = 1 }.Validate();
        new GenerationSettings { Sampler = "ddim", Eta = 1.0, TopP = 1e-9 }.Validate();
    }

    [Theory]
    [InlineData("{\"prompt\": \"p\", \"steps\": 0}", "f.jsonl line 2: \"steps\" is 0; expected an integer from 1 to 1000.")]
    [InlineData("{\"prompt\": \"p\", \"count\": 0}", "f.jsonl line 2: \"count\" is 0; expected an integer from 1 to 100000 (images per prompt).")]
    [InlineData("{\"prompt\": \"p\", \"topP\": 2}", "f.jsonl line 2: \"topP\" is 2; expected a number in (0, 1]")]
    [InlineData("{\"prompt\": \"p\", \"sampler\": \"ddpm\"}", "f.jsonl line 2: \"eta\" is 0.3 but \"sampler\" is 'ddpm'")]
    public void Out_of_range_record_value_names_the_line_and_field(string line, string expected)
    {
        var commandLine = new GenerationSettings { Sampler = "ddim", Eta = 0.3 };
        var records = PromptFile.Parse(new StringReader("fine\n" + line), "f.jsonl");

        var e = Assert.Throws<UserInputException>(() => GenerationPlan.Create(records, commandLine, 0));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void A_run_of_more_images_than_one_run_plans_fails_before_planning_any()
    {
        // 11 prompts × 100,000 images: each count is in range, the total is not.
        string file = string.Concat(Enumerable.Range(0, 11).Select(i => $"{{\"prompt\": \"p{i}\", \"count\": 100000}}\n"));
        var records = PromptFile.Parse(new StringReader(file), "f.jsonl");
        var e = Assert.Throws<UserInputException>(() => GenerationPlan.Create(records, new GenerationSettings(), 0));
        Assert.StartsWith("The run asks for 1100000 images over 11 prompts; one run plans at most 1000000.", e.Message);
    }

    [Fact]
    public void Bad_command_line_settings_fail_before_any_record()
    {
        var records = PromptFile.Parse(new StringReader("{\"prompt\": \"p\", \"steps\": 0}"), "f.jsonl");
        var e = Assert.Throws<UserInputException>(() => GenerationPlan.Create(records, new GenerationSettings { Steps = 5000 }, 0));
        Assert.StartsWith("--steps is 5000", e.Message);
    }
}
