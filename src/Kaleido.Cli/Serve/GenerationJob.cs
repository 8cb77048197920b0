using Kaleido.Runtime;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Settings;

namespace Kaleido.Cli.Serve;

/// <summary>
/// What one <c>POST /v1/images/generations</c> or <c>POST /v1/latents</c> asks for, read from its fields and checked
/// before it is queued. The denoising and prior settings are the runtime's own records, filled from their defaults and
/// checked by their owners against this model's bounds (<see cref="KaleidoPipeline.ValidateRequest"/>); the API spells
/// each setting as its runtime key (<see cref="SettingKeys"/>), so an error names the field as the client wrote it.
/// </summary>
sealed record GenerationJob(string Prompt, ulong Seed, int FirstIndex, int Count, RenderSettings Render, PriorSamplingSettings Prior)
{
    public const string PromptField = "prompt";
    public const string CountField = "n";
    public const string SeedField = "seed";
    public const string IndexField = "index";
    public const string TruncateField = "truncate";

    /// <summary>Our extensions, on both endpoints: the image's seed and first index, and every per-image setting.</summary>
    public static IReadOnlyList<string> SettingFields { get; } =
    [
        SeedField, IndexField, SettingKeys.Steps, SettingKeys.Sampler, SettingKeys.Guidance, SettingKeys.GuidanceCutoff, SettingKeys.Eta,
        SettingKeys.Temperature, SettingKeys.TopK, SettingKeys.TopP, SettingKeys.MaxLatentTokens, SettingKeys.Attempts, TruncateField,
    ];

    /// <summary>The indices of the images, FirstIndex … FirstIndex + Count − 1.</summary>
    public IReadOnlyList<int> Indices => Enumerable.Range(FirstIndex, Count).ToArray();

    /// <exception cref="ApiException">400 naming the field and what it allows.</exception>
    public static GenerationJob Read(RequestFields fields, ServedModel model, ServeSettings settings)
    {
        string prompt = fields.String(PromptField)
            ?? throw ApiException.BadField(PromptField, "The request has no \"prompt\"; expected the text to draw.");
        if (string.IsNullOrWhiteSpace(prompt))
            throw ApiException.BadField(PromptField, "\"prompt\" is empty; expected the text to draw.");
        if (prompt.Length > ServeSettings.MaxPromptCharacters)
            throw ApiException.BadField(PromptField,
                $"\"prompt\" has {prompt.Length} characters; at most {ServeSettings.MaxPromptCharacters} are read (and the model's caption holds {model.MaxCaptionTokens} tokens).");

        int count = fields.Int(CountField) ?? 1;
        if (count < 1 || count > settings.MaxImages)
            throw ApiException.BadField(CountField, $"\"n\" is {count}; expected an integer from 1 to {settings.MaxImages} (the server's --max-n).");
        int index = fields.Int(IndexField) ?? 0;
        if (index < 0 || (long)index + count - 1 > int.MaxValue)
            throw ApiException.BadField(IndexField, $"\"index\" is {index}; expected an integer from 0 to {int.MaxValue - count + 1} (index + n − 1 < 2^31).");
        // No seed: a fresh one, returned with each image, so any result can be made again.
        ulong seed = fields.ULong(SeedField) ?? (ulong)Random.Shared.NextInt64(long.MaxValue);

        RenderSettings rd = RenderSettings.Default;
        var render = rd with
        {
            Steps = fields.Int(SettingKeys.Steps) ?? rd.Steps,
            Sampler = fields.String(SettingKeys.Sampler) ?? rd.Sampler,
            Guidance = (float)(fields.Number(SettingKeys.Guidance) ?? rd.Guidance),
            Eta = fields.Number(SettingKeys.Eta) ?? rd.Eta,
            GuidanceCutoff = fields.Int(SettingKeys.GuidanceCutoff) ?? rd.GuidanceCutoff,
            TruncateCaption = fields.Bool(TruncateField) ?? rd.TruncateCaption,
        };
        PriorSamplingSettings pd = PriorSamplingSettings.Default;
        var prior = pd with
        {
            Temperature = fields.Number(SettingKeys.Temperature) ?? pd.Temperature,
            TopK = fields.Int(SettingKeys.TopK) ?? pd.TopK,
            TopP = fields.Number(SettingKeys.TopP) ?? pd.TopP,
            MaxLatentTokens = fields.Int(SettingKeys.MaxLatentTokens) ?? pd.MaxLatentTokens,
            MaxAttempts = fields.Int(SettingKeys.Attempts) ?? pd.MaxAttempts,
        };
        // The prior cannot be interrupted inside an attempt: the server bounds how many one request may ask for.
        if (prior.MaxAttempts > ServeSettings.MaxAttempts)
            throw ApiException.BadField(SettingKeys.Attempts,
                $"\"attempts\" is {prior.MaxAttempts}; expected an integer from 1 to {ServeSettings.MaxAttempts} on this server.");
        model.Validate(render, model.HasPrior ? prior : null);
        return new GenerationJob(prompt, seed, index, count, render, prior);
    }
}
