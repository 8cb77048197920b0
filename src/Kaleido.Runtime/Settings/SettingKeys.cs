namespace Kaleido.Runtime.Settings;

/// <summary>
/// The runtime's name of each per-image setting. A setting error (<see cref="UserInputException.SettingKeys"/>) carries these; each front
/// end spells it its own way (the CLI <c>guidance</c> → <c>--cfg</c>, a prompt file <c>"cfg"</c>, the HTTP API its
/// JSON field), so the runtime owns each setting's default and range and no front end repeats them.
/// </summary>
public static class SettingKeys
{
    public const string Steps = "steps";
    public const string Sampler = "sampler";
    public const string Eta = "eta";
    public const string Guidance = "guidance";
    public const string GuidanceCutoff = "guidanceCutoff";
    public const string Temperature = "temperature";
    public const string TopK = "topK";
    public const string TopP = "topP";
    public const string MaxLatentTokens = "maxLatentTokens";
    public const string Attempts = "attempts";
    public const string Threads = "threads";
    public const string BatchSize = "batchSize";
}
