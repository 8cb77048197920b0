using System.Text.Json;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// Typed access to the fields of a latents document. Every mismatch is a
/// <see cref="LatentsFormatException"/> naming the field's path and what was expected.
/// </summary>
internal static class JsonFields
{
    /// <summary>The properties of an object, checking that none is unknown, repeated or missing.</summary>
    public static Dictionary<string, JsonElement> ReadObject(JsonElement element, string path, string[] required, string[] optional)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Error(path, $"expected an object but found {Describe(element)}");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string name = property.Name;
            string fieldPath = Join(path, name);
            if (Array.IndexOf(required, name) < 0 && Array.IndexOf(optional, name) < 0)
                throw Error(fieldPath, $"unknown field (expected one of {string.Join(", ", required.Concat(optional))})");
            if (!fields.TryAdd(name, property.Value))
                throw Error(fieldPath, "expected each field once but found it twice");
        }
        foreach (string name in required)
        {
            if (!fields.ContainsKey(name))
                throw Error(Join(path, name), "expected this field but it is missing");
        }
        return fields;
    }

    public static string ReadString(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
            throw Error(path, $"expected a string but found {Describe(element)}");
        // Cannot throw: LatentsDocumentReader checked up front that every string decodes.
        return element.GetString()!;
    }

    public static int ReadInt(JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int value) || value < min || value > max)
            throw Error(path, $"expected an integer in [{min}, {max}] but found {Describe(element)}");
        return value;
    }

    public static ulong ReadULong(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetUInt64(out ulong value))
            throw Error(path, $"expected an integer in [0, {ulong.MaxValue}] but found {Describe(element)}");
        return value;
    }

    public static double ReadDouble(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value) || !double.IsFinite(value))
            throw Error(path, $"expected a finite number but found {Describe(element)}");
        return value;
    }

    public static JsonElement[] ReadArray(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Error(path, $"expected an array but found {Describe(element)}");
        return element.EnumerateArray().ToArray();
    }

    public static int[] ReadIntArray(JsonElement element, string path, int length, int min, int max)
    {
        JsonElement[] items = ReadArray(element, path);
        if (length >= 0 && items.Length != length)
            throw Error(path, $"expected an array of {length} integers but found {items.Length} elements");
        var values = new int[items.Length];
        for (int i = 0; i < items.Length; i++)
            values[i] = ReadInt(items[i], $"{path}[{i}]", min, max);
        return values;
    }

    /// <summary>A path may hold the user's own field name (an unknown field), so it is echoed cleaned, on one line.</summary>
    public static LatentsFormatException Error(string path, string detail) => LatentsFormatException.InField(JsonErrorText.Clean(path), detail);

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "...";
}
