namespace Kaleido.Runtime.Latents;

/// <summary>
/// Latent text or a latents document that does not follow the grammar (docs/latents.md). People
/// edit these files, so this is a user's mistake: the message names the kind or field, the
/// 0-based character position where one applies, and what was expected.
/// </summary>
public sealed class LatentsFormatException : Exception
{
    public LatentsFormatException(string message, LatentKind? kind, int? position, string? field, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Position = position;
        Field = field;
    }

    /// <summary>The kind of latents being read, when the error is inside latent text.</summary>
    public LatentKind? Kind { get; }

    /// <summary>0-based offset into the latent text (the whole text for combined latents).</summary>
    public int? Position { get; }

    /// <summary>The JSON field of a latents document, e.g. <c>items.phrases[1].box</c>.</summary>
    public string? Field { get; }

    /// <summary>An error in a document's field, or in the whole document when <paramref name="field"/> is null.</summary>
    internal static LatentsFormatException InField(string? field, string detail, LatentsFormatException? inner = null) =>
        field is null
            ? new($"latents document: {detail}", null, null, null)
            : new($"latents document, field '{field}': {detail}", inner?.Kind, inner?.Position, field, inner);
}
