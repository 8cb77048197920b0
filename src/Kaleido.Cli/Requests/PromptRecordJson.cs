using System.Text.Json;

using Kaleido.Runtime;
using Kaleido.Runtime.Settings;

namespace Kaleido.Cli.Requests;

/// <summary>
/// Parses one JSON line of a prompt file into a <see cref="PromptRecord"/>. Strict: an unknown or
/// repeated field, a wrong type or a missing prompt is an error naming the line and the field, so a
/// typo such as <c>top_k</c> cannot be silently ignored. Ranges are checked later, against the
/// merged settings (<see cref="GenerationSettings.WithOverrides"/>).
/// </summary>
static class PromptRecordJson
{
    /// <summary>Longest id accepted; ids become file names.</summary>
    public const int MaxIdLength = 128;

    const string IdField = "id";
    const string PromptField = "prompt";
    const string SeedField = "seed";

    /// <summary>Every field a record may have, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        IdField, PromptField, SeedField, SettingNames.Count, SettingNames.Guidance, SettingKeys.Steps,
        SettingKeys.Sampler, SettingKeys.Eta, SettingKeys.GuidanceCutoff, SettingKeys.Temperature, SettingKeys.TopK, SettingKeys.TopP,
    ];

    public static PromptRecord Parse(string line, string source, int lineNumber)
    {
        string location = $"{source} line {lineNumber}";
        using JsonDocument document = ParseDocument(line, location);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new UserInputException($"{location}: a line starting with '{{' must hold one JSON object.");

        string? id = null, prompt = null, sampler = null;
        ulong? seed = null;
        int? count = null, steps = null, topK = null, guidanceCutoff = null;
        double? cfg = null, eta = null, temperature = null, topP = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            string name = Decoded(() => property.Name, location, "a field name");
            if (!seen.Add(name))
                throw new UserInputException($"{location}: field \"{name}\" appears twice.");
            JsonElement value = property.Value;
            switch (name)
            {
                case IdField: id = String(value, name, location); break;
                case PromptField: prompt = String(value, name, location); break;
                case SeedField: seed = UInt64(value, name, location); break;
                case SettingNames.Count: count = Int32(value, name, location); break;
                case SettingKeys.Steps: steps = Int32(value, name, location); break;
                case SettingKeys.TopK: topK = Int32(value, name, location); break;
                case SettingKeys.GuidanceCutoff: guidanceCutoff = Int32(value, name, location); break;
                case SettingNames.Guidance: cfg = Number(value, name, location); break;
                case SettingKeys.Eta: eta = Number(value, name, location); break;
                case SettingKeys.Temperature: temperature = Number(value, name, location); break;
                case SettingKeys.TopP: topP = Number(value, name, location); break;
                case SettingKeys.Sampler: sampler = String(value, name, location); break;
                default: throw UnknownField(name, location);
            }
        }

        if (prompt is null)
            throw new UserInputException($"{location}: the record has no \"prompt\"; expected {{\"prompt\": \"...\"}}.");
        if (string.IsNullOrWhiteSpace(prompt))
            throw new UserInputException($"{location}: \"prompt\" is empty; expected the text to draw.");
        if (id is not null)
        {
            if (id.Length == 0)
                throw new UserInputException($"{location}: \"id\" is empty; leave it out to name the record by its line.");
            if (id.Length > MaxIdLength)
                throw new UserInputException(
                    $"{location}: \"id\" has {id.Length} characters; at most {MaxIdLength} (it becomes part of file names).");
        }

        var overrides = new GenerationOverrides
        {
            Count = count, Steps = steps, Guidance = (float?)cfg, Sampler = sampler,
            Eta = eta, GuidanceCutoff = guidanceCutoff, Temperature = temperature, TopK = topK, TopP = topP,
        };
        return new PromptRecord(source, lineNumber, id, prompt, seed, overrides);
    }

    static JsonDocument ParseDocument(string line, string location)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            // The reader's own position suffix counts lines from 0 within this one line: Reason drops it.
            string reason = JsonErrorText.Reason(e);
            string at = e.BytePositionInLine is { } b ? $" at byte {b + 1}" : "";
            throw new UserInputException(
                $"{location}: not valid JSON{at} (a line starting with '{{' is read as a JSON record): {reason}", e);
        }
    }

    static UserInputException UnknownField(string name, string location)
    {
        string Squash(string s) => s.Replace("_", "").Replace("-", "").ToLowerInvariant();
        string? near = Fields.FirstOrDefault(f => Squash(f) == Squash(name));
        string hint = near is null ? "" : $" (did you mean \"{near}\"?)";
        return new UserInputException(
            $"{location}: unknown field \"{name}\"{hint}; expected only {string.Join(", ", Fields)}.");
    }

    static string String(JsonElement value, string name, string location) =>
        value.ValueKind == JsonValueKind.String
            ? Decoded(() => value.GetString()!, location, $"\"{name}\"")
            : throw WrongType(value, name, location, "a string");

    /// <summary>
    /// An escaped lone surrogate such as "\ud800" is valid JSON but no .NET string: System.Text.Json throws
    /// InvalidOperationException when asked for it (found by fuzzing, tests/fuzz-corpus/prompt-file/regressions).
    /// </summary>
    static string Decoded(Func<string> read, string location, string what)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException(
                $"{location}: {what} holds an unpaired surrogate escape (such as \\ud800); expected text of valid Unicode.", e);
        }
    }

    static double Number(JsonElement value, string name, string location) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double result) && double.IsFinite(result)
            ? result
            : throw WrongType(value, name, location, "a finite number");

    static int Int32(JsonElement value, string name, string location) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw WrongType(value, name, location, "a whole number (a 32-bit integer, no fraction or exponent)");

    static ulong UInt64(JsonElement value, string name, string location) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out ulong result)
            ? result
            : throw WrongType(value, name, location, "a whole number from 0 to 18446744073709551615");

    static UserInputException WrongType(JsonElement value, string name, string location, string expected) =>
        new($"{location}: \"{name}\" is {DescribeValue(value)}; expected {expected}.");

    /// <summary>A JSON value as a message names it ("a string", "the number 3.5"): prompt files and server requests alike.</summary>
    public static string DescribeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };
}
