using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;

namespace Kaleido.Cli.Output;

/// <summary>One unit as the index page shows it: its files in the folder and what they record.</summary>
sealed record IndexFigure(int Unit, string? ImageFile, string? LatentsFile, int Width, int Height, string Caption, ulong? Seed,
    ulong? BaseSeed, int? Index, string? LatentKind, string? LatentsText, IReadOnlyList<IndexShape> Shapes);

/// <summary>A box (<see cref="Ellipse"/> false: x1, y1, x2, y2) or blob (xc, yc, r_major, r_minor, theta) on the 0..1000 grid.</summary>
sealed record IndexShape(string Phrase, string Colour, bool Ellipse, int[] Numbers);

/// <summary>
/// <c>index.html</c> of a merged folder: one static, self-contained page that works opened from the file system
/// (browsers refuse fetch() of local files on file://, so nothing is fetched): every unit in plan order as a figure
/// with its PNG (a relative <c>img src</c>), its latents' boxes or blobs as an inline SVG over it in the colours the
/// contact sheet uses (<see cref="OverlayPalette"/>), and its caption, seeds, index and latent text. The same data is
/// embedded as JSON (<c>script#kaleido-data</c>) for scripts. No JavaScript runs; every text is HTML-escaped.
/// </summary>
static class MergeIndexPage
{
    public const string FileName = "index.html";

    /// <summary>Images are shown at least this wide (small ones enlarged, pixelated), as on the contact sheet.</summary>
    const int DisplayWidth = 256;

    /// <summary>The figures of the units in <paramref name="folder"/>, read from each unit's PNG metadata, else its latents file.</summary>
    public static IReadOnlyList<IndexFigure> Read(string folder, IEnumerable<IGrouping<int, ListedFile>> units) =>
        [.. units.Select(unit => Read(folder, unit.Key,
            unit.FirstOrDefault(f => f.Entry.Kind == ManifestEntry.ImageKind)?.Entry.File,
            unit.FirstOrDefault(f => f.Entry.Kind == ManifestEntry.LatentsKind)?.Entry.File))];

    static IndexFigure Read(string folder, int unit, string? imageFile, string? latentsFile)
    {
        if (imageFile is not null)
        {
            string path = Path.Combine(folder, imageFile);
            ImageMetadata m = PngMetadataReader.Read(path);
            IImageInfo info = Image.Identify(PngConfiguration.Instance, path, out _);
            LatentsDocument? document = m.Latents is null ? null : LatentsDocumentReader.Read(m.Latents);
            return Figure(unit, imageFile, latentsFile, info.Width, info.Height, m.Prompt, m.Seed, m.BaseSeed, m.Index, document);
        }
        LatentsDocument only = LatentsDocumentReader.Read(File.ReadAllText(Path.Combine(folder, latentsFile!)));
        return Figure(unit, null, latentsFile, 0, 0, only.Prompt, only.Seed, only.BaseSeed, only.Index, only);
    }

    static IndexFigure Figure(int unit, string? imageFile, string? latentsFile, int width, int height, string caption,
        ulong? seed, ulong? baseSeed, int? index, LatentsDocument? document) =>
        new(unit, imageFile, latentsFile, width, height, caption, seed, baseSeed, index, document?.Kind.ToName(),
            document?.Latents.ToText(), document is null ? [] : ShapesOf(document.Latents));

    /// <summary>The geometry <see cref="OverlayShapes"/> draws on the contact sheet, in the same colours.</summary>
    static IReadOnlyList<IndexShape> ShapesOf(DiscreteLatents latents) => latents switch
    {
        BboxLatents bbox => Boxes(bbox),
        CombinedLatents combined => Boxes(combined.Bbox),
        BlobLatents blob => [.. blob.Phrases.Select((p, i) => new IndexShape(p.Phrase, Hex(OverlayPalette.ColourFor(p.Phrase, i)), true,
            [p.Blob.CenterX, p.Blob.CenterY, p.Blob.RadiusMajor, p.Blob.RadiusMinor, p.Blob.ThetaDegrees]))],
        _ => [],
    };

    static IndexShape[] Boxes(BboxLatents bbox) =>
        [.. bbox.Phrases.Select((p, i) => new IndexShape(p.Phrase, Hex(OverlayPalette.ColourFor(p.Phrase, i)), false,
            [p.Box.X1, p.Box.Y1, p.Box.X2, p.Box.Y2]))];

    static string Hex(SixLabors.ImageSharp.PixelFormats.Rgb24 c) => $"#{c.R:x2}{c.G:x2}{c.B:x2}";

    /// <summary>The page, as UTF-8 text.</summary>
    public static string Write(IReadOnlyList<IndexFigure> figures, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>{Escape(title)}</title>\n")
            .Append("<style>\n")
            .Append("body { font-family: sans-serif; margin: 1em; }\n")
            .Append("main { display: flex; flex-wrap: wrap; gap: 1em; }\n")
            .Append($"figure {{ margin: 0; width: {DisplayWidth}px; }}\n")
            .Append(".stage { position: relative; line-height: 0; }\n")
            .Append(".stage img { image-rendering: pixelated; }\n")
            .Append(".stage svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }\n")
            .Append("figcaption p { margin: 0.3em 0; font-size: 0.85em; overflow-wrap: anywhere; }\n")
            .Append(".caption { font-weight: bold; }\n.latents { font-family: monospace; }\n")
            .Append("</style>\n</head>\n<body>\n")
            .Append($"<h1>{Escape(title)}</h1>\n")
            .Append($"<p>{figures.Count} unit(s) in plan order. Boxes and blobs are the latents', in the colour each phrase names.</p>\n")
            .Append("<main>\n");
        foreach (IndexFigure figure in figures)
            AppendFigure(html, figure);
        html.Append("</main>\n")
            .Append("<script type=\"application/json\" id=\"kaleido-data\">")
            .Append(Data(figures)) // System.Text.Json escapes '<', '>' and '&', so no text can end the script element
            .Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    static void AppendFigure(StringBuilder html, IndexFigure f)
    {
        html.Append(Invariant($"<figure data-unit=\"{f.Unit}\">\n"));
        if (f.ImageFile is not null)
        {
            int height = (int)Math.Round((double)DisplayWidth * f.Height / f.Width);
            html.Append("<div class=\"stage\">")
                .Append(Invariant($"<img src=\"{Escape(Uri.EscapeDataString(f.ImageFile))}\" width=\"{DisplayWidth}\" height=\"{height}\" alt=\"{Escape(f.Caption)}\">"))
                .Append("<svg viewBox=\"0 0 1000 1000\" preserveAspectRatio=\"none\" aria-hidden=\"true\">");
            foreach (IndexShape s in f.Shapes)
                html.Append(Shape(s));
            html.Append("</svg></div>\n");
        }
        html.Append("<figcaption>\n")
            .Append($"<p class=\"caption\">{Escape(f.Caption)}</p>\n")
            .Append("<p class=\"meta\">")
            .Append(Escape(SeedText(f)))
            .Append(f.Index is { } index ? Invariant($" · index <span class=\"index\">{index}</span>") : "")
            .Append(Invariant($" · unit {f.Unit}"))
            .Append($" · {Escape(f.ImageFile ?? f.LatentsFile ?? "")}</p>\n");
        if (f.LatentsText is not null)
            html.Append($"<p class=\"latents\">{Escape(f.LatentKind ?? "")}: {Escape(f.LatentsText)}</p>\n");
        html.Append("</figcaption>\n</figure>\n");
    }

    static string SeedText(IndexFigure f) => f.Seed is { } seed
        ? Commands.GenerateCommand.SeedText(f.BaseSeed, seed)
        : "no seed";

    /// <summary>An outline with a non-scaling stroke (the SVG is stretched to the image) and its phrase as a tooltip.</summary>
    static string Shape(IndexShape s)
    {
        int[] n = s.Numbers;
        string common = $"fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"2\" vector-effect=\"non-scaling-stroke\" data-phrase=\"{Escape(s.Phrase)}\"";
        string geometry = s.Ellipse
            ? Invariant($"<ellipse cx=\"{n[0]}\" cy=\"{n[1]}\" rx=\"{n[2]}\" ry=\"{n[3]}\" transform=\"rotate({n[4]} {n[0]} {n[1]})\" ")
            : Invariant($"<rect x=\"{n[0]}\" y=\"{n[1]}\" width=\"{n[2] - n[0]}\" height=\"{n[3] - n[1]}\" ");
        string tag = s.Ellipse ? "ellipse" : "rect";
        return $"{geometry}{common}><title>{Escape(s.Phrase)}</title></{tag}>";
    }

    static string Data(IReadOnlyList<IndexFigure> figures)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) // the default encoder escapes HTML-sensitive characters
        {
            json.WriteStartObject();
            json.WriteStartArray("units");
            foreach (IndexFigure f in figures)
            {
                json.WriteStartObject();
                json.WriteNumber("unit", f.Unit);
                JsonLine.WriteStringOrNull(json, "image", f.ImageFile);
                JsonLine.WriteStringOrNull(json, "latentsFile", f.LatentsFile);
                json.WriteString("caption", f.Caption);
                JsonLine.WriteNumberOrNull(json, "seed", f.Seed);
                JsonLine.WriteNumberOrNull(json, "baseSeed", f.BaseSeed);
                JsonLine.WriteNumberOrNull(json, "index", f.Index);
                JsonLine.WriteStringOrNull(json, "latentKind", f.LatentKind);
                JsonLine.WriteStringOrNull(json, "latents", f.LatentsText);
                json.WriteStartArray("shapes");
                foreach (IndexShape s in f.Shapes)
                {
                    json.WriteStartObject();
                    json.WriteString("phrase", s.Phrase);
                    json.WriteString("colour", s.Colour);
                    json.WriteStartArray(s.Ellipse ? "blob" : "box");
                    foreach (int v in s.Numbers) json.WriteNumberValue(v);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static string Escape(string text) => WebUtility.HtmlEncode(text);

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
