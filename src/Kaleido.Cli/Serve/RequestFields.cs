using System.Text.Json;

namespace Kaleido.Cli.Serve;

/// <summary>
/// A JSON request body read strictly: one object, each field at most once, only the fields the endpoint takes (an
/// unknown one, such as a misspelt <c>setps</c>, is 400 naming it and the allowed fields, never silently ignored), and
/// each value of its type, else 400 naming the field. Reading is by <see cref="JsonDocument"/>: no reflection.
/// </summary>
sealed class RequestFields
{
    readonly Dictionary<string, JsonElement> _fields;

    RequestFields(Dictionary<string, JsonElement> fields) => _fields = fields;

    /// <exception cref="ApiException">400: not one JSON object, a field twice or a field not in <paramref name="allowed"/>.</exception>
    public static RequestFields Read(JsonElement root, IReadOnlyList<string> allowed)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ApiException(400, $"The request body is {Requests.PromptRecordJson.DescribeValue(root)}; expected one JSON object.");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                throw ApiException.BadField(property.Name,
                    $"Unknown field \"{property.Name}\"; this endpoint takes only {string.Join(", ", allowed)}.");
            if (!fields.TryAdd(property.Name, property.Value))
                throw ApiException.BadField(property.Name, $"Field \"{property.Name}\" appears twice.");
        }
        return new RequestFields(fields);
    }

    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>A string field; JSON null counts as absent (as OpenAI's SDKs send unset options).</summary>
    public string? String(string name) => Get(name) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw WrongType(v, name, "a string")
        : null;

    public int? Int(string name) => Get(name) is { } v
        ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw WrongType(v, name, "a whole number (a 32-bit integer)")
        : null;

    public ulong? ULong(string name) => Get(name) is { } v
        ? v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out ulong u) ? u : throw WrongType(v, name, "a whole number from 0 to 18446744073709551615")
        : null;

    public double? Number(string name) => Get(name) is { } v
        ? v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw WrongType(v, name, "a finite number")
        : null;

    public bool? Bool(string name) => Get(name) is { } v
        ? v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw WrongType(v, name, "true or false")
        : null;

    JsonElement? Get(string name) =>
        _fields.TryGetValue(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    static ApiException WrongType(JsonElement value, string name, string expected) =>
        ApiException.BadField(name, $"\"{name}\" is {Requests.PromptRecordJson.DescribeValue(value)}; expected {expected}.");
}
