using Kaleido.Runtime;
using Kaleido.Runtime.Settings;

namespace Kaleido.Cli.Requests;

/// <summary>
/// The name of each generation setting as a prompt-file field, and the command-line option that
/// sets it, so an error can name the setting the way the user wrote it. The runtime's settings
/// owners name them by <see cref="SettingKeys"/>, and a prompt file spells those keys alike but for
/// guidance (<c>cfg</c>); <see cref="FieldOfKey"/> and <see cref="OptionOfKey"/> turn keys into these spellings.
/// Only the CLI's own fields are named here.
/// </summary>
public static class SettingNames
{
    public const string Count = "count";
    public const string StartIndex = "startIndex";
    public const string Guidance = "cfg";

    /// <summary>The command-line option for a field: <c>topK</c> → <c>--top-k</c>.</summary>
    public static string Option(string field) => field switch
    {
        StartIndex => "--start-index",
        SettingKeys.TopK => "--top-k",
        SettingKeys.TopP => "--top-p",
        SettingKeys.MaxLatentTokens => "--max-latent-tokens",
        SettingKeys.BatchSize => "--batch-size",
        SettingKeys.GuidanceCutoff => "--guidance-cutoff",
        _ => "--" + field,
    };

    /// <summary>A field as a prompt-file record spells it: <c>"topK"</c>.</summary>
    public static string Field(string field) => $"\"{field}\"";

    /// <summary>The prompt-file field of a runtime setting key: <c>guidance</c> → <c>cfg</c>; other keys are spelled alike.</summary>
    public static string FieldName(string key) => key == SettingKeys.Guidance ? Guidance : key;

    /// <summary>The command-line option of a runtime setting key: <c>guidance</c> → <c>--cfg</c>.</summary>
    public static string OptionOfKey(string key) => Option(FieldName(key));

    /// <summary>The quoted prompt-file field of a runtime setting key: <c>guidance</c> → <c>"cfg"</c>.</summary>
    public static string FieldOfKey(string key) => Field(FieldName(key));
}
