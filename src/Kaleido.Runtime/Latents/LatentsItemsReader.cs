using System.Text.Json;

namespace Kaleido.Runtime.Latents;

/// <summary>Reads the "items" object of a latents document (the structured form) for one kind.</summary>
internal static class LatentsItemsReader
{
    public static DiscreteLatents Read(JsonElement element, LatentKind kind, string path) => kind switch
    {
        LatentKind.Text => ReadText(element, path),
        LatentKind.Bbox => ReadBbox(element, path),
        LatentKind.Blob => ReadBlob(element, path),
        LatentKind.Voken => ReadVoken(element, path),
        LatentKind.Combined => ReadCombined(element, path),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a latent kind."),
    };

    static TextLatents ReadText(JsonElement element, string path)
    {
        var fields = JsonFields.ReadObject(element, path, ["description"], []);
        string descriptionPath = JsonFields.Join(path, "description");
        string description = JsonFields.ReadString(fields["description"], descriptionPath);
        if (description.Length == 0)
            throw JsonFields.Error(descriptionPath, "expected a non-empty description but found \"\"");
        return new TextLatents(description);
    }

    static BboxLatents ReadBbox(JsonElement element, string path)
    {
        var fields = JsonFields.ReadObject(element, path, ["phrases", "tail"], []);
        var phrases = new List<GroundedBox>();
        foreach (var (phrase, values, itemPath) in ReadGrounded(fields["phrases"], JsonFields.Join(path, "phrases"), "box", 4, LatentRanges.CoordinateMax))
        {
            if (BoundingBox.FindProblem(values[0], values[1], values[2], values[3]) is { } problem)
                throw JsonFields.Error(JsonFields.Join(itemPath, "box"), problem);
            phrases.Add(new GroundedBox(phrase, new BoundingBox(values[0], values[1], values[2], values[3])));
        }
        return new BboxLatents(phrases, JsonFields.ReadString(fields["tail"], JsonFields.Join(path, "tail")));
    }

    static BlobLatents ReadBlob(JsonElement element, string path)
    {
        var fields = JsonFields.ReadObject(element, path, ["phrases", "tail"], []);
        var phrases = new List<GroundedBlob>();
        foreach (var (phrase, v, itemPath) in ReadGrounded(fields["phrases"], JsonFields.Join(path, "phrases"), "blob", 5, LatentRanges.CoordinateMax))
        {
            if (ObjectBlob.FindProblem(v[0], v[1], v[2], v[3], v[4]) is { } problem)
                throw JsonFields.Error(JsonFields.Join(itemPath, "blob"), problem);
            phrases.Add(new GroundedBlob(phrase, new ObjectBlob(v[0], v[1], v[2], v[3], v[4])));
        }
        return new BlobLatents(phrases, JsonFields.ReadString(fields["tail"], JsonFields.Join(path, "tail")));
    }

    /// <summary>[{ "phrase": ..., regionField: [numbers] }, ...] with at least one element.</summary>
    static List<(string Phrase, int[] Values, string ItemPath)> ReadGrounded(
        JsonElement element, string path, string regionField, int count, int max)
    {
        JsonElement[] items = JsonFields.ReadArray(element, path);
        if (items.Length == 0)
            throw JsonFields.Error(path, "expected at least one grounded phrase but found an empty array");
        var result = new List<(string, int[], string)>(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            string itemPath = $"{path}[{i}]";
            var fields = JsonFields.ReadObject(items[i], itemPath, ["phrase", regionField], []);
            string phrasePath = JsonFields.Join(itemPath, "phrase");
            string phrase = JsonFields.ReadString(fields["phrase"], phrasePath);
            if (PhraseRules.FindProblem(phrase) is { } problem)
                throw JsonFields.Error(phrasePath, problem);
            int[] values = JsonFields.ReadIntArray(fields[regionField], JsonFields.Join(itemPath, regionField), count, 0, max);
            result.Add((phrase, values, itemPath));
        }
        return result;
    }

    static VokenLatents ReadVoken(JsonElement element, string path)
    {
        var fields = JsonFields.ReadObject(element, path, ["codes"], []);
        string codesPath = JsonFields.Join(path, "codes");
        int[] codes = JsonFields.ReadIntArray(fields["codes"], codesPath, -1, 0, int.MaxValue);
        if (codes.Length == 0)
            throw JsonFields.Error(codesPath, "expected at least one visual code but found an empty array");
        return new VokenLatents(codes);
    }

    static CombinedLatents ReadCombined(JsonElement element, string path)
    {
        var fields = JsonFields.ReadObject(element, path, ["text", "bbox", "voken"], []);
        return new CombinedLatents(
            ReadText(fields["text"], JsonFields.Join(path, "text")),
            ReadBbox(fields["bbox"], JsonFields.Join(path, "bbox")),
            ReadVoken(fields["voken"], JsonFields.Join(path, "voken")));
    }
}
