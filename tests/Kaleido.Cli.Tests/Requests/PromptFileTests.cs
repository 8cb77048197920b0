using System.Text;
using Kaleido.Cli.Requests;

using Kaleido.Runtime;

namespace Kaleido.Cli.Tests.Requests;

public sealed class PromptFileTests
{
    const string Source = "prompts.txt";

    static IReadOnlyList<PromptRecord> Parse(string text) => PromptFile.Parse(new StringReader(text), Source);

    static string ErrorOf(string text) => Assert.Throws<UserInputException>(() => Parse(text)).Message;

    [Fact]
    public void Plain_lines_are_trimmed_prompts_and_blank_and_comment_lines_are_skipped()
    {
        var records = Parse("# a comment\n\n  a red circle  \r\n   # indented comment\n\t\na blue square\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(new PromptRecord(Source, 3, null, "a red circle", null, GenerationOverrides.None), records[0]);
        Assert.Equal(new PromptRecord(Source, 6, null, "a blue square", null, GenerationOverrides.None), records[1]);
        Assert.Equal("prompts.txt line 6", records[1].Location);
    }

    [Fact]
    public void Json_record_reads_every_field()
    {
        var records = Parse("""
            {"id": "cat-1", "prompt": "a cat", "seed": 18446744073709551615, "count": 3, "cfg": 4.5, "steps": 50, "sampler": "ddim", "eta": 0.25, "guidanceCutoff": 110, "temperature": 0.8, "topK": 20, "topP": 0.9}
            """);

        PromptRecord r = Assert.Single(records);
        Assert.Equal(1, r.LineNumber);
        Assert.Equal("cat-1", r.Id);
        Assert.Equal("a cat", r.Prompt);
        Assert.Equal(ulong.MaxValue, r.Seed);
        Assert.Equal(new GenerationOverrides
        {
            Count = 3, Guidance = 4.5f, Steps = 50, Sampler = "ddim", Eta = 0.25, GuidanceCutoff = 110, Temperature = 0.8, TopK = 20, TopP = 0.9,
        }, r.Overrides);
    }

    [Fact]
    public void Plain_and_json_lines_mix_and_keep_their_line_numbers()
    {
        var records = Parse("a circle\n# comment\n{\"prompt\": \"  spaced  \"}\n\n{\"id\": \"x\", \"prompt\": \"p\", \"steps\": 10}\nlast\n");

        Assert.Equal([1, 3, 5, 6], records.Select(r => r.LineNumber));
        Assert.Equal(["a circle", "  spaced  ", "p", "last"], records.Select(r => r.Prompt));
        Assert.Equal([null, null, "x", null], records.Select(r => r.Id));
        Assert.Equal(10, records[2].Overrides.Steps);
        Assert.Equal(GenerationOverrides.None, records[1].Overrides);
    }

    [Theory]
    [InlineData("{\"prompt\": \"p\", \"top_k\": 3}", "line 2: unknown field \"top_k\" (did you mean \"topK\"?)")]
    [InlineData("{\"prompt\": \"p\", \"guidance\": 3}", "line 2: unknown field \"guidance\"; expected only id, prompt, seed, count, cfg, steps, sampler, eta, guidanceCutoff, temperature, topK, topP.")]
    [InlineData("{\"prompt\": \"p\", \"Seed\": 3}", "line 2: unknown field \"Seed\" (did you mean \"seed\"?)")]
    [InlineData("{\"id\": \"a\"}", "line 2: the record has no \"prompt\"")]
    [InlineData("{\"prompt\": \"   \"}", "line 2: \"prompt\" is empty")]
    [InlineData("{\"prompt\": 5}", "line 2: \"prompt\" is the number 5; expected a string.")]
    [InlineData("{\"prompt\": \"p\", \"steps\": \"50\"}", "line 2: \"steps\" is a string; expected a whole number")]
    [InlineData("{\"prompt\": \"p\", \"steps\": 2.5}", "line 2: \"steps\" is the number 2.5; expected a whole number")]
    [InlineData("{\"prompt\": \"p\", \"count\": 1e3}", "line 2: \"count\" is the number 1e3; expected a whole number")]
    [InlineData("{\"prompt\": \"p\", \"seed\": -1}", "line 2: \"seed\" is the number -1; expected a whole number from 0 to 18446744073709551615.")]
    [InlineData("{\"prompt\": \"p\", \"seed\": 18446744073709551616}", "line 2: \"seed\" is the number 18446744073709551616")]
    [InlineData("{\"prompt\": \"p\", \"cfg\": null}", "line 2: \"cfg\" is null; expected a finite number.")]
    [InlineData("{\"prompt\": \"p\", \"cfg\": 1e999}", "line 2: \"cfg\" is the number 1e999; expected a finite number.")]
    [InlineData("{\"prompt\": \"p\", \"sampler\": true}", "line 2: \"sampler\" is a boolean; expected a string.")]
    [InlineData("{\"prompt\": \"p\", \"id\": [\"a\"]}", "line 2: \"id\" is an array; expected a string.")]
    [InlineData("{\"prompt\": \"p\", \"id\": \"\"}", "line 2: \"id\" is empty")]
    [InlineData("{\"prompt\": \"p\", \"prompt\": \"q\"}", "line 2: field \"prompt\" appears twice.")]
    [InlineData("{\"prompt\": \"p\",}", "line 2: not valid JSON at byte")]
    [InlineData("{\"prompt\": \"p\"} trailing", "line 2: not valid JSON at byte")]
    [InlineData("{prompt: p}", "line 2: not valid JSON at byte 2")]
    public void Json_errors_name_the_file_line_and_what_was_expected(string badLine, string expected)
    {
        string message = ErrorOf("a fine first line\n" + badLine + "\n");
        Assert.StartsWith("prompts.txt line 2: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Over_long_id_is_rejected_with_the_limit()
    {
        string id = new('a', 129);
        Assert.Contains("line 1: \"id\" has 129 characters; at most 128", ErrorOf($"{{\"prompt\": \"p\", \"id\": \"{id}\"}}"));
        Assert.Equal(id[..128], Assert.Single(Parse($"{{\"prompt\": \"p\", \"id\": \"{id[..128]}\"}}")).Id);
    }

    [Fact]
    public void Duplicate_ids_name_both_lines()
    {
        string message = ErrorOf("{\"id\": \"cat\", \"prompt\": \"a\"}\nplain\n{\"id\": \"dog\", \"prompt\": \"b\"}\n{\"id\": \"cat\", \"prompt\": \"c\"}\n");
        Assert.Equal("prompts.txt line 4: id 'cat' is already used by line 1; ids must be unique.", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n# only comments\n   \n")]
    public void File_without_prompts_is_an_error(string text)
    {
        Assert.Contains("'prompts.txt' holds no prompts", ErrorOf(text));
    }

    [Fact]
    public void Read_parses_a_utf8_file_with_bom_and_names_missing_and_non_utf8_files()
    {
        string dir = Directory.CreateTempSubdirectory("kaleido-prompts-").FullName;
        try
        {
            string good = Path.Combine(dir, "good.txt");
            File.WriteAllText(good, "ein Kätzchen 🐱\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            PromptRecord record = Assert.Single(PromptFile.Read(good));
            Assert.Equal("ein Kätzchen 🐱", record.Prompt);
            Assert.Equal(good, record.Source);

            string missing = Path.Combine(dir, "missing.txt");
            var e = Assert.Throws<UserInputException>(() => PromptFile.Read(missing));
            Assert.Contains($"Prompt file '{missing}' does not exist", e.Message);

            string latin1 = Path.Combine(dir, "latin1.txt");
            File.WriteAllBytes(latin1, [.. "ok\n"u8, 0x4B, 0xE4, 0x74, 0x7A, 0x0A]); // "Kätz" in Latin-1
            e = Assert.Throws<UserInputException>(() => PromptFile.Read(latin1));
            Assert.Contains($"{latin1}: not valid UTF-8 text", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Command_line_prompt_is_line_one_trimmed_and_must_not_be_empty()
    {
        PromptRecord r = PromptRecord.FromCommandLine("  a cat ");
        Assert.Equal((1, (string?)null, "a cat", (ulong?)null), (r.LineNumber, r.Id, r.Prompt, r.Seed));
        Assert.Throws<UserInputException>(() => PromptRecord.FromCommandLine(" "));
    }
}
