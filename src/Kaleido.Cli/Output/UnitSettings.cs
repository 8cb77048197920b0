using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kaleido.Cli.Requests;
using Kaleido.Runtime.Latents;

namespace Kaleido.Cli.Output;

/// <summary>
/// Everything that determines an output file's bytes, as one canonical JSON object (<see cref="Json"/>: compact,
/// keys in a fixed alphabetical order, numbers in System.Text.Json's shortest round-trip form), and the SHA-256 of
/// its UTF-8 bytes (<see cref="Sha256"/>). The manifest records both, so a later run can tell "the same file again"
/// (skip it) from "another file under the same name" (a conflict). docs/cli.md, "Output folder".
/// </summary>
public sealed record UnitSettings(string Json, string Sha256)
{
    /// <summary>
    /// An image (or its latents) made from a prompt by <c>generate</c> or <c>latents</c>: both verbs write the same
    /// latents file for the same settings, so the verb is not part of it. <c>--attempts</c> and <c>--truncate</c> are
    /// left out on purpose: they decide whether a run succeeds, never which bytes a successful one writes.
    /// </summary>
    public static UnitSettings ForPrompt(ModelIdentity model, PlannedRecord record, ImageIdentity image)
    {
        GenerationSettings s = record.Settings;
        return Of(json =>
        {
            json.WriteString("device", model.Device);
            json.WriteNumber("eta", s.Eta);
            json.WriteNumber("guidance", s.Guidance);
            if (s.GuidanceCutoff != 0) // left out at 0, so the runs made before the setting keep their hashes
                json.WriteNumber("guidanceCutoff", s.GuidanceCutoff);
            json.WriteNumber("index", image.Index);
            JsonLine.WriteNumberOrNull(json, "maxLatentTokens", s.MaxLatentTokens);
            json.WriteString("modelId", model.ModelId);
            json.WriteString("packageSha256", model.PackageSha256);
            json.WriteString("prompt", record.Prompt);
            json.WriteString("sampler", s.Sampler);
            json.WriteNumber("seed", record.Seed);
            json.WriteNumber("steps", s.Steps);
            json.WriteNumber("temperature", s.Temperature);
            json.WriteNumber("topK", s.TopK);
            json.WriteNumber("topP", s.TopP);
        });
    }

    /// <summary>
    /// An image rendered from a latents document: the document as rendered (with the seed, index and denoising
    /// settings really used, <c>render</c>'s overrides applied) holds everything but the model.
    /// </summary>
    public static UnitSettings ForRender(ModelIdentity model, LatentsDocument asRendered) => Of(json =>
    {
        json.WriteString("device", model.Device);
        json.WritePropertyName("document");
        json.WriteRawValue(LatentsDocumentWriter.Write(asRendered, indented: false));
        json.WriteString("modelId", model.ModelId);
        json.WriteString("packageSha256", model.PackageSha256);
    });

    static UnitSettings Of(Action<Utf8JsonWriter> body)
    {
        byte[] bytes = JsonLine.ObjectBytes(body, escapeNonAscii: false);
        return new UnitSettings(Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
