using System.Globalization;
using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido info IMAGE.png</c>: how a kaleido PNG was made, read back from its text chunks — prompt, model, both
/// seeds, index, settings, latents — and the command that makes it again. Reads no pixels and no model.
/// </summary>
sealed class ImageInfoCommand(CommandContext context)
{
    public int Run(string given, InfoOptions options)
    {
        string path = context.Resolve(given);
        ImageMetadata metadata = PngMetadataReader.Read(path);
        LatentsDocument? latents = LatentsOf(metadata, path);
        if (options.Json)
            WriteJson(path, metadata, latents);
        else if (!options.Quiet)
            WriteText(path, metadata, latents);
        return ExitCodes.Ok;
    }

    /// <summary>The <c>latents</c> chunk as a document; a chunk that does not parse is a damaged file, named as such.</summary>
    static LatentsDocument? LatentsOf(ImageMetadata metadata, string path)
    {
        if (metadata.Latents is not { } json)
            return null;
        try
        {
            return LatentsDocumentReader.Read(json);
        }
        catch (LatentsFormatException e)
        {
            throw new ImageMetadataException($"{path}, text entry '{ImageMetadataKeys.Latents}': {e.Message}", e);
        }
    }

    void WriteText(string path, ImageMetadata m, LatentsDocument? latents)
    {
        TextWriter o = context.Out;
        o.WriteLine($"Image:         {path}");
        o.WriteLine($"Prompt:        {PromptOf(m, latents)}");
        o.WriteLine($"Model id:      {m.ModelId}");
        o.WriteLine($"Package:       {(m.PackageSha256 is { } hash ? "kaleido.json sha256 " + hash : "not recorded")}");
        o.WriteLine($"Written by:    {(m.KaleidoVersion is { } version ? "kaleido " + version : "not recorded")}");
        o.WriteLine(m.BaseSeed is { } baseSeed
            ? $"Seed:          {baseSeed} (the run's base seed: generate --seed {baseSeed})"
            : "Seed:          none (the image seed was given as is)");
        o.WriteLine($"Image seed:    {m.Seed} (derived; render --seed {m.Seed})");
        o.WriteLine($"Index:         {m.Index}");
        o.WriteLine($"Settings:      {SettingsText(m, latents?.Sampling)}");
        o.WriteLine(latents is null
            ? "Latents:       none"
            : $"Latents:       ({latents.Kind.ToName()}) {latents.Latents.ToText()}");
        o.WriteLine(Reproduce(path, latents) is { } command
            ? $"Reproduce:     {command}   (with --model DIR of package '{m.ModelId}' if it is not the default)"
            : "Reproduce:     not from the image alone: it holds no latents");
    }

    void WriteJson(string path, ImageMetadata m, LatentsDocument? latents) =>
        JsonLine.Write(context.Out, json =>
        {
            json.WriteString("image", path);
            JsonLine.WriteImageFields(json, m, PromptOf(m, latents));
            JsonLine.WriteStringOrNull(json, "packageSha256", m.PackageSha256);
            JsonLine.WriteStringOrNull(json, "kaleidoVersion", m.KaleidoVersion);
            SamplingSettings? s = latents?.Sampling;
            JsonLine.WriteNumberOrNull(json, "eta", s?.Eta);
            JsonLine.WriteNumberOrNull(json, "temperature", s?.Temperature);
            JsonLine.WriteNumberOrNull(json, "topK", s?.TopK);
            JsonLine.WriteNumberOrNull(json, "topP", s?.TopP);
            JsonLine.WriteNumberOrNull(json, "maxLatentTokens", s?.MaxLatentTokens);
            JsonLine.WriteStringOrNull(json, "latentKind", latents?.Kind.ToName());
            JsonLine.WriteStringOrNull(json, "latents", latents?.Latents.ToText());
            JsonLine.WriteStringOrNull(json, "reproduce", Reproduce(path, latents));
        });

    /// <summary>
    /// The exact prompt: the latents document's JSON keeps every character, the <c>prompt</c> chunk has control
    /// characters replaced (<see cref="PngTextValue"/>).
    /// </summary>
    static string PromptOf(ImageMetadata m, LatentsDocument? latents) => latents?.Prompt ?? m.Prompt;

    static string SettingsText(ImageMetadata m, SamplingSettings? s)
    {
        var parts = new List<string>
        {
            $"steps {m.Steps}", $"sampler {m.Sampler}", $"guidance {Number(m.Guidance)}",
        };
        if (m.GuidanceCutoff != 0) parts.Add($"unguided below t {m.GuidanceCutoff}");
        if (s?.Eta is { } eta) parts.Add($"eta {Number(eta)}");
        if (s?.Temperature is { } temperature) parts.Add($"temperature {Number(temperature)}");
        if (s?.TopK is { } topK) parts.Add($"top-k {topK}");
        if (s?.TopP is { } topP) parts.Add($"top-p {Number(topP)}");
        if (s?.MaxLatentTokens is { } limit) parts.Add($"max latent tokens {limit}");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// <c>kaleido render IMAGE.png</c>, which makes the image again from the latents and settings inside it; null when
    /// it holds no latents (a baseline's image).
    /// </summary>
    static string? Reproduce(string path, LatentsDocument? latents) =>
        latents is null ? null : ShellWords.KaleidoCommand([RenderOptions.VerbName, path]);

    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
