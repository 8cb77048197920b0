using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// The name of each generation setting as a prompt-file field, and the command-line option that
/// sets it, so an error can name the setting the way the user wrote it.
/// </summary>
public static class SettingNames
{
    public const string Count = "count";
    public const string StartIndex = "startIndex";
    public const string Steps = "steps";
    public const string GuidanceScale = "cfg";
    public const string Sampler = "sampler";
    public const string Eta = "eta";
    public const string Temperature = "temperature";
    public const string TopK = "topK";
    public const string TopP = "topP";
    public const string MaxLatentTokens = "maxLatentTokens";
    public const string Attempts = "attempts";

    /// <summary>The command-line option for a field: <c>topK</c> → <c>--top-k</c>.</summary>
    public static string Option(string field) => field switch
    {
        StartIndex => "--start-index",
        TopK => "--top-k",
        TopP => "--top-p",
        MaxLatentTokens => "--max-latent-tokens",
        _ => "--" + field,
    };

    /// <summary>A field as a prompt-file record spells it: <c>"topK"</c>.</summary>
    public static string Field(string field) => $"\"{field}\"";
}
