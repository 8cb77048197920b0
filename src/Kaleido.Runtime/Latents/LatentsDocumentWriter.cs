using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// Writes a <see cref="LatentsDocument"/> as canonical JSON: fixed field order, absent optionals
/// left out, canonical latent text, '\n' line ends. The same document always gives the same bytes.
/// </summary>
public static class LatentsDocumentWriter
{
    /// <summary>Indented (a file ending in '\n') or one line without a line end (a JSON Lines record).</summary>
    public static string Write(LatentsDocument document, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.FindProblem() is { } problem)
            throw new ArgumentException($"Cannot write latents document: field '{problem.Field}': {problem.Problem}.", nameof(document));

        var buffer = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions
        {
            Indented = indented,
            IndentSize = 2,
            NewLine = "\n",
            // Keeps non-ASCII text readable in the file; quotes and control characters are still escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteString("format", LatentsDocument.FormatName);
            writer.WriteNumber("version", LatentsDocument.CurrentVersion);
            writer.WriteString("prompt", document.Prompt);
            writer.WriteString("kind", document.Kind.ToName());
            writer.WriteString("text", document.Latents.ToText());
            writer.WritePropertyName("items");
            WriteItems(writer, document.Latents);
            writer.WriteString("textDigest", LatentsTextDigest.Of(document.Latents.ToText()));
            if (document.ModelId is { } modelId) writer.WriteString("modelId", modelId);
            if (document.Seed is { } seed) writer.WriteNumber("seed", seed);
            if (document.BaseSeed is { } baseSeed) writer.WriteNumber("baseSeed", baseSeed);
            if (document.Index is { } index) writer.WriteNumber("index", index);
            if (document.Sampling is { } sampling) WriteSampling(writer, sampling);
            if (document.ImagePath is { } imagePath) writer.WriteString("imagePath", imagePath);
            writer.WriteEndObject();
        }
        string json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return indented ? json + "\n" : json;
    }

    /// <summary>The structured form, derived from the latents; boxes, blobs and codes stay on one line each.</summary>
    static void WriteItems(Utf8JsonWriter writer, DiscreteLatents latents)
    {
        writer.WriteStartObject();
        switch (latents)
        {
            case TextLatents text:
                writer.WriteString("description", text.Description);
                break;
            case BboxLatents bbox:
                WriteGrounded(writer, bbox.Phrases, "box", bbox.Tail);
                break;
            case BlobLatents blob:
                WriteGrounded(writer, blob.Phrases, "blob", blob.Tail);
                break;
            case VokenLatents voken:
                writer.WritePropertyName("codes");
                writer.WriteRawValue(IntegerArray(voken.Codes));
                break;
            case CombinedLatents combined:
                writer.WritePropertyName("text");
                WriteItems(writer, combined.Text);
                writer.WritePropertyName("bbox");
                WriteItems(writer, combined.Bbox);
                writer.WritePropertyName("voken");
                WriteItems(writer, combined.Voken);
                break;
            default:
                throw new ArgumentException($"Unknown latents type {latents.GetType().Name}.", nameof(latents));
        }
        writer.WriteEndObject();
    }

    /// <summary>Boxes and blobs alike: the phrases, each with its region under <paramref name="regionName"/>, then the tail.</summary>
    static void WriteGrounded(Utf8JsonWriter writer, IReadOnlyList<GroundedPhrase> phrases, string regionName, string tail)
    {
        writer.WriteStartArray("phrases");
        foreach (GroundedPhrase item in phrases)
        {
            writer.WriteStartObject();
            writer.WriteString("phrase", item.Phrase);
            writer.WritePropertyName(regionName);
            writer.WriteRawValue(IntegerArray(item.RegionNumbers()));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("tail", tail);
    }

    static void WriteSampling(Utf8JsonWriter writer, SamplingSettings sampling)
    {
        writer.WriteStartObject("sampling");
        if (sampling.Steps is { } steps) writer.WriteNumber("steps", steps);
        if (sampling.Sampler is { } sampler) writer.WriteString("sampler", sampler);
        if (sampling.Guidance is { } guidance) writer.WriteNumber("guidance", guidance);
        if (sampling.GuidanceCutoff is { } cutoff) writer.WriteNumber("guidanceCutoff", cutoff);
        if (sampling.Eta is { } eta) writer.WriteNumber("eta", eta);
        if (sampling.Temperature is { } temperature) writer.WriteNumber("temperature", temperature);
        if (sampling.TopK is { } topK) writer.WriteNumber("topK", topK);
        if (sampling.TopP is { } topP) writer.WriteNumber("topP", topP);
        if (sampling.MaxLatentTokens is { } maxLatentTokens) writer.WriteNumber("maxLatentTokens", maxLatentTokens);
        writer.WriteEndObject();
    }

    static string IntegerArray(IEnumerable<int> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
}
