using System.Text.Json;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// Reads a latents document (docs/latents.md). "text" is authoritative: it is parsed for the
/// latents. "items" is derived and optional; when present it must describe the same latents,
/// otherwise the document is rejected naming both fields, so an edit to one of them is never
/// silently dropped. Every problem is a <see cref="LatentsFormatException"/> naming the field.
/// </summary>
public static class LatentsDocumentReader
{
    static readonly string[] RequiredFields = ["format", "version", "prompt", "kind", "text"];
    static readonly string[] OptionalFields = ["items", "textDigest", "modelId", "seed", "baseSeed", "index", "sampling", "imagePath"];
    static readonly string[] SamplingFields = ["steps", "sampler", "guidance", "guidanceCutoff", "eta", "temperature", "topK", "topP", "maxLatentTokens"];

    public static LatentsDocument Read(string json, VokenConstraints? vokenConstraints = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw LatentsFormatException.InField(null,
                $"expected valid JSON but found an error at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {JsonErrorText.Reason(e)}");
        }
        using (parsed)
        {
            CheckStringsDecode(parsed.RootElement, "");
            return ReadDocument(parsed.RootElement, vokenConstraints);
        }
    }

    /// <summary>
    /// An escaped lone surrogate such as "\ud800" is valid JSON but cannot become a .NET string;
    /// reading it later would throw InvalidOperationException. One walk up front reports it by path.
    /// </summary>
    static void CheckStringsDecode(JsonElement element, string path)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    element.GetString();
                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (JsonElement item in element.EnumerateArray())
                        CheckStringsDecode(item, $"{path}[{i++}]");
                    break;
                case JsonValueKind.Object:
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        string name = property.Name;
                        CheckStringsDecode(property.Value, JsonFields.Join(path, name));
                    }
                    break;
            }
        }
        catch (InvalidOperationException)
        {
            throw LatentsFormatException.InField(path.Length == 0 ? null : path,
                "expected text of valid Unicode but found an unpaired surrogate escape (such as \\ud800)");
        }
    }

    static LatentsDocument ReadDocument(JsonElement root, VokenConstraints? vokenConstraints)
    {
        // 1. Is this a latents document this runtime can read? Checked first, so a stray JSON
        //    file or a newer version is reported as such rather than as unknown fields.
        if (root.ValueKind != JsonValueKind.Object)
            throw LatentsFormatException.InField(null, "expected a JSON object");
        if (root.TryGetProperty("format", out JsonElement format)
            && (format.ValueKind != JsonValueKind.String || !format.ValueEquals(LatentsDocument.FormatName)))
            throw JsonFields.Error("format", $"expected \"{LatentsDocument.FormatName}\" but found {JsonErrorText.Clean(format.GetRawText())}");
        if (root.TryGetProperty("version", out JsonElement version)
            && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number) || number != LatentsDocument.CurrentVersion))
            throw JsonFields.Error("version", $"expected {LatentsDocument.CurrentVersion} (the version this runtime reads) but found {JsonErrorText.Clean(version.GetRawText())}");
        var fields = JsonFields.ReadObject(root, "", RequiredFields, OptionalFields);

        // 2. The latents: kind, then the authoritative text.
        string kindName = JsonFields.ReadString(fields["kind"], "kind");
        if (!LatentKindNames.TryParse(kindName, out LatentKind kind))
            throw JsonFields.Error("kind", $"expected one of {string.Join(", ", LatentKindNames.All)} but found \"{kindName}\"");
        string text = JsonFields.ReadString(fields["text"], "text");
        DiscreteLatents latents;
        try
        {
            latents = LatentsParser.Parse(kind, text, vokenConstraints);
        }
        catch (LatentsFormatException e)
        {
            throw LatentsFormatException.InField("text", e.Message, e);
        }

        // 3. The derived items: they agree with the text, or the digest of the text as written tells which one was edited.
        string? digest = fields.TryGetValue("textDigest", out JsonElement digestElement) ? ReadDigest(digestElement) : null;
        if (fields.TryGetValue("items", out JsonElement itemsElement))
        {
            latents = Reconcile(LatentsItemsReader.Read(itemsElement, kind, "items"), latents, digest, vokenConstraints);
        }

        // 4. The run's record.
        var document = new LatentsDocument(JsonFields.ReadString(fields["prompt"], "prompt"), latents)
        {
            ModelId = fields.TryGetValue("modelId", out JsonElement modelId) ? JsonFields.ReadString(modelId, "modelId") : null,
            Seed = fields.TryGetValue("seed", out JsonElement seed) ? JsonFields.ReadULong(seed, "seed") : null,
            BaseSeed = fields.TryGetValue("baseSeed", out JsonElement baseSeed) ? JsonFields.ReadULong(baseSeed, "baseSeed") : null,
            Index = fields.TryGetValue("index", out JsonElement index) ? JsonFields.ReadInt(index, "index", 0, int.MaxValue) : null,
            Sampling = fields.TryGetValue("sampling", out JsonElement sampling) ? ReadSampling(sampling) : null,
            ImagePath = fields.TryGetValue("imagePath", out JsonElement imagePath) ? JsonFields.ReadString(imagePath, "imagePath") : null,
        };
        if (document.FindProblem() is { } problem)
            throw JsonFields.Error(problem.Field, problem.Problem);
        return document;
    }

    /// <summary>
    /// The latents when <c>items</c> and <c>text</c> both came: equal, they agree. Otherwise <c>textDigest</c> (the text as
    /// kaleido wrote it) tells which a person edited: text unchanged means the items were edited, and the text is made
    /// again from them; items unchanged means the text was edited. Both changed (or no digest to tell) and they
    /// disagree: an error naming both, since either could be the one meant.
    /// </summary>
    static DiscreteLatents Reconcile(DiscreteLatents fromItems, DiscreteLatents fromText, string? digest, VokenConstraints? vokenConstraints)
    {
        if (fromItems.Equals(fromText))
            return fromText;
        string expected = fromText.ToText();
        string actual = fromItems.ToText();
        if (digest is not null && digest == LatentsTextDigest.Of(expected))
        {
            if (vokenConstraints is not null)
                CheckVokens(fromItems, vokenConstraints);
            return fromItems;
        }
        if (digest is not null && digest == LatentsTextDigest.Of(actual))
            return fromText;
        int at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
            at++;
        string why = digest is null
            ? "and there is no 'textDigest' to tell which was edited"
            : "and both were edited since kaleido wrote them ('textDigest' matches neither)";
        throw JsonFields.Error("items",
            $"expected items that agree with field 'text' {why}: they differ at position {at} of the canonical text: " +
            $"text gives {Around(expected, at)}, items give {Around(actual, at)} (edit one of them, or make both agree)");
    }

    static void CheckVokens(DiscreteLatents latents, VokenConstraints constraints)
    {
        VokenLatents? vokens = latents switch { VokenLatents v => v, CombinedLatents c => c.Voken, _ => null };
        if (vokens is null)
            return;
        try
        {
            constraints.Check(vokens);
        }
        catch (LatentsFormatException e)
        {
            throw LatentsFormatException.InField("items", e.Message, e);
        }
    }

    static string ReadDigest(JsonElement element)
    {
        string digest = JsonFields.ReadString(element, "textDigest");
        return digest.Length == LatentsTextDigest.Length && digest.All(char.IsAsciiHexDigitLower)
            ? digest
            : throw JsonFields.Error("textDigest",
                $"expected {LatentsTextDigest.Length} lower-case hex digits (written by kaleido) but found \"{digest}\"");
    }

    static string Around(string text, int at)
    {
        int start = Math.Max(0, at - 12);
        int end = Math.Min(text.Length, at + 12);
        return $"\"{(start > 0 ? "..." : "")}{text[start..end]}{(end < text.Length ? "..." : "")}\"";
    }

    static SamplingSettings ReadSampling(JsonElement element)
    {
        var fields = JsonFields.ReadObject(element, "sampling", [], SamplingFields);
        int? ReadInt(string name) => fields.TryGetValue(name, out JsonElement e) ? JsonFields.ReadInt(e, "sampling." + name, int.MinValue, int.MaxValue) : null;
        double? ReadDouble(string name) => fields.TryGetValue(name, out JsonElement e) ? JsonFields.ReadDouble(e, "sampling." + name) : null;
        return new SamplingSettings
        {
            Steps = ReadInt("steps"),
            Sampler = fields.TryGetValue("sampler", out JsonElement sampler) ? JsonFields.ReadString(sampler, "sampling.sampler") : null,
            Guidance = ReadDouble("guidance"),
            GuidanceCutoff = ReadInt("guidanceCutoff"),
            Eta = ReadDouble("eta"),
            Temperature = ReadDouble("temperature"),
            TopK = ReadInt("topK"),
            TopP = ReadDouble("topP"),
            MaxLatentTokens = ReadInt("maxLatentTokens"),
        };
    }
}
