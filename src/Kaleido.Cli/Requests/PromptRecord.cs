using System.Globalization;

using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// One prompt of a prompt file, as written: where it came from, its optional id and seed, and the
/// settings it overrides. Its images' seed and file names derive from it (<see cref="GenerationPlan"/>).
/// </summary>
/// <param name="Source">The prompt file's name as the user gave it, for messages.</param>
/// <param name="LineNumber">1-based line of the file the record is on.</param>
/// <param name="Id">The record's own id, if it has one; it names its files and keys its seed.</param>
/// <param name="Seed">The record's own seed, if it has one; otherwise one is derived from the base seed.</param>
public sealed record PromptRecord(
    string Source, int LineNumber, string? Id, string Prompt, ulong? Seed, GenerationOverrides Overrides)
{
    /// <summary>Where the record is, for messages: <c>prompts.jsonl line 3</c>.</summary>
    public string Location => $"{Source} line {LineNumber}";

    /// <summary>What keys its derived seed: the id if it has one, else the line number in decimal.</summary>
    public string SeedKey => Id ?? LineNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A prompt given on the command line: it is treated as line 1 of a one-line file (trimmed, like a
    /// plain line), so it gets the same seed and file names as that file would.
    /// </summary>
    public static PromptRecord FromCommandLine(string prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
            throw new UserInputException("The prompt argument is empty; expected the text to draw.");
        return new PromptRecord("command line", 1, Id: null, prompt.Trim(), Seed: null, GenerationOverrides.None);
    }
}
