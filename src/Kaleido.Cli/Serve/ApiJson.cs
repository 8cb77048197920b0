using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaleido.Cli.Serve;

/// <summary>The error body, OpenAI's shape: <c>{"error": {"message", "type", "param", "code"}}</c>, plus the latents text position.</summary>
public sealed record ErrorBody(ErrorDetail Error);

public sealed record ErrorDetail(string Message, string Type, string? Param, string? Code)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Position { get; init; }
}

/// <summary>One image of <c>POST /v1/images/generations</c>: its PNG (b64_json or url) and what made it, its latents document included.</summary>
public sealed record ImageData
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? B64Json { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    public required string RevisedPrompt { get; init; }
    public required ulong Seed { get; init; }
    public required int Index { get; init; }

    /// <summary>The latents document (docs/latents.md) as <c>kaleido generate</c> writes it; null for baseline models.</summary>
    public JsonElement? Latents { get; init; }
}

public sealed record ImagesResponse(long Created, IReadOnlyList<ImageData> Data);

/// <summary><c>POST /v1/latents</c>: one latents document per image.</summary>
public sealed record LatentsResponse(long Created, IReadOnlyList<JsonElement> Data);

/// <summary>One entry of <c>GET /v1/models</c>: OpenAI's model object plus the package's manifest summary.</summary>
public sealed record ModelEntry
{
    public required string Id { get; init; }
    public string Object { get; init; } = "model";
    public long Created { get; init; }
    public string OwnedBy { get; init; } = "kaleido";
    public required string Kind { get; init; }
    public string? LatentKind { get; init; }
    public required IReadOnlyList<int> Resolutions { get; init; }

    /// <summary>The one <c>size</c> the generations endpoint accepts, "SxS".</summary>
    public required string Size { get; init; }

    public required int MaxCaptionTokens { get; init; }
    public required int MaxLatentTokens { get; init; }
    public required int TrainingSteps { get; init; }
    public required IReadOnlyList<string> Samplers { get; init; }
    public required int MaxN { get; init; }
}

public sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    public string Object { get; init; } = "list";
}

public sealed record HealthBody(string Status);

/// <summary>
/// Every body the server writes, serialized by source-generated code (no reflection, so trimming and Native AOT keep
/// working); fields in snake_case as OpenAI's API spells them.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ImagesResponse))]
[JsonSerializable(typeof(LatentsResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(HealthBody))]
public sealed partial class ApiJson : JsonSerializerContext
{
    /// <summary>The same, with quotes and non-ASCII text kept as typed (the bodies are JSON, never embedded in HTML).</summary>
    public static ApiJson Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
