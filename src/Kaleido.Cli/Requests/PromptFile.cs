using System.Text;

using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// Reads a prompt file: one prompt per line, or one JSON record per line, mixed freely. A line
/// whose first non-blank character is '{' is a JSON record (<see cref="PromptRecordJson"/>); any
/// other line is a plain prompt, trimmed. Blank lines and lines starting with '#' are skipped.
/// Record ids must be unique. See docs/cli.md for the format.
/// </summary>
public static class PromptFile
{
    /// <summary>Reads and parses the prompt file at <paramref name="path"/>.</summary>
    /// <exception cref="UserInputException">The file is missing, unreadable, not UTF-8, or malformed.</exception>
    public static IReadOnlyList<PromptRecord> Read(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException($"Prompt file '{path}' does not exist (or is a folder).");
        try
        {
            // Invalid UTF-8 is an error rather than silently becoming U+FFFD in a prompt.
            using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return Parse(reader, path);
        }
        catch (IOException e)
        {
            throw new UserInputException($"Cannot read prompt file '{path}': {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"Cannot read prompt file '{path}': {e.Message}", e);
        }
    }

    /// <summary>Parses prompt-file text; <paramref name="source"/> names it in messages.</summary>
    public static IReadOnlyList<PromptRecord> Parse(TextReader reader, string source)
    {
        var records = new List<PromptRecord>();
        var lineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 0;
        while (ReadLine(reader, source, lineNumber + 1) is { } line)
        {
            lineNumber++;
            string text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
                continue;

            string location = $"{source} line {lineNumber}";
            PromptRecord record = text[0] == '{'
                ? PromptRecordJson.Parse(text, source, lineNumber)
                : new PromptRecord(source, lineNumber, Id: null, text, Seed: null, GenerationOverrides.None);
            if (record.Id is { } id && !lineOfId.TryAdd(id, lineNumber))
                throw new UserInputException(
                    $"{location}: id '{id}' is already used by line {lineOfId[id]}; ids must be unique.");
            records.Add(record);
        }
        if (records.Count == 0)
            throw new UserInputException(
                $"Prompt file '{source}' holds no prompts; expected one prompt or JSON record per line (blank lines and '#' comments are skipped).");
        return records;
    }

    static string? ReadLine(TextReader reader, string source, int lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException e)
        {
            throw new UserInputException($"{source}: not valid UTF-8 text at or after line {lineNumber}; prompt files are UTF-8.", e);
        }
    }
}
