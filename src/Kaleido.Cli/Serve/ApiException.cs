namespace Kaleido.Cli.Serve;

/// <summary>
/// A request the server refuses, with the HTTP status, a message that names the input, and the JSON field it is about
/// (OpenAI's error <c>param</c>), so a client, and the page, can show it next to that field. Never a bug of ours.
/// </summary>
public sealed class ApiException(int status, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The request field at fault (<c>n</c>, <c>steps</c>, <c>items.bbox.phrases[0].box</c>), or null.</summary>
    public string? Param { get; } = param;

    /// <summary>0-based offset into the latents' text, when the fault is there.</summary>
    public int? Position { get; init; }

    /// <summary>Seconds after which a retry may succeed (429, 503).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ApiException BadField(string field, string message) => new(400, message, field);
}
