namespace Kaleido.Runtime.Latents;

/// <summary>The five latent kinds of the paper (§3.2, Appendix A, Appendix B.3).</summary>
public enum LatentKind
{
    /// <summary>A detailed textual description.</summary>
    Text,

    /// <summary>A caption grounded with detection bounding boxes.</summary>
    Bbox,

    /// <summary>A caption grounded with object blobs (tilted ellipses).</summary>
    Blob,

    /// <summary>Visual tokens (codes of a VQ image tokenizer).</summary>
    Voken,

    /// <summary>text | bbox | voken, predicted in that order.</summary>
    Combined,
}

/// <summary>The names a kind has in files and on the command line.</summary>
public static class LatentKindNames
{
    /// <summary>Every kind's name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = ["text", "bbox", "blob", "voken", "combined"];

    public static string ToName(this LatentKind kind) => kind switch
    {
        LatentKind.Text => "text",
        LatentKind.Bbox => "bbox",
        LatentKind.Blob => "blob",
        LatentKind.Voken => "voken",
        LatentKind.Combined => "combined",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a latent kind."),
    };

    /// <summary>Whether latents of this kind place objects with regions (what region-masked conditioning reads).</summary>
    public static bool PlacesObjects(this LatentKind kind) => kind is LatentKind.Bbox or LatentKind.Blob or LatentKind.Combined;

    /// <summary>Whether <paramref name="name"/> names a kind that places objects (see <see cref="PlacesObjects(LatentKind)"/>).</summary>
    public static bool PlacesObjects(string? name) => TryParse(name, out var kind) && kind.PlacesObjects();

    /// <summary>Exact, lower-case names only, so a file has one spelling of each kind.</summary>
    public static bool TryParse(string? name, out LatentKind kind)
    {
        switch (name)
        {
            case "text": kind = LatentKind.Text; return true;
            case "bbox": kind = LatentKind.Bbox; return true;
            case "blob": kind = LatentKind.Blob; return true;
            case "voken": kind = LatentKind.Voken; return true;
            case "combined": kind = LatentKind.Combined; return true;
            default: kind = default; return false;
        }
    }
}
