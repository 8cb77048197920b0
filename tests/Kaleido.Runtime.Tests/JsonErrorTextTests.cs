using System.Text.Json;

namespace Kaleido.Runtime.Tests;

/// <summary>A JSON parse error's reason as kaleido prints it (<see cref="JsonErrorText"/>): one clean line.</summary>
public sealed class JsonErrorTextTests
{
    [Fact]
    public void Control_characters_and_indentation_in_the_echoed_input_do_not_reach_the_message()
    {
        // The input afl-fuzz found (tests/fuzz-corpus/latents-document/regressions): System.Text.Json echoes its start,
        // with a NUL, an EOT and eight spaces before "at (1," that read like a stack trace line.
        string input = "format\"a\", \"tex        at (1, \u0004\u0000 3, 4) pail\"\u001b[31m";
        var e = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(input));
        string reason = JsonErrorText.Reason(e);
        Assert.DoesNotContain("  ", reason);
        Assert.DoesNotContain(reason, char.IsControl);
        Assert.Contains("U+0004U+0000", reason);
        Assert.DoesNotContain("LineNumber:", reason); // callers give the position their way
    }

    [Fact]
    public void A_long_reason_is_cut_with_an_ellipsis()
    {
        string cleaned = JsonErrorText.Clean(new string('x', 500));
        Assert.Equal(161, cleaned.Length);
        Assert.EndsWith("…", cleaned);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\t\tb\r\n  c", "a b c")]
    [InlineData("  lead and trail  ", "lead and trail")]
    [InlineData("bell\u0007", "bellU+0007")]
    public void Clean_keeps_text_and_shows_what_a_terminal_would_act_on(string text, string expected) =>
        Assert.Equal(expected, JsonErrorText.Clean(text));
}
