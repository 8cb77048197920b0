using System.Text;
using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;

namespace Kaleido.Cli.Commands;

/// <summary>One latents document to render: where it came from (for messages) and the PNG name it gets.</summary>
sealed record RenderSource(string Where, string OutputName, LatentsDocument Document);

/// <summary>
/// What <c>render</c> reads: one latents document or kaleido PNG, or a batch — a folder of <c>*.latents.json</c>
/// (in ordinal name order) or a <c>.jsonl</c> with one document per line. A batch's order is its plan order, the unit
/// numbers shards split by. Every document is read and parsed before any model loads, so a bad one fails every shard
/// at once.
/// </summary>
static class RenderSources
{
    const string LatentsPattern = "*" + ".latents.json";

    /// <summary>True for a folder or a <c>.jsonl</c>: many documents, numbered units, a contact sheet.</summary>
    public static bool IsBatch(string path) =>
        Directory.Exists(path) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<RenderSource> Read(string path)
    {
        IReadOnlyList<RenderSource> sources =
            Directory.Exists(path) ? ReadFolder(path)
            : path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ReadLines(path)
            : path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? [new(path, RenderOutputName.Of(path), ReadFromPng(path))]
            : [new(path, RenderOutputName.Of(path), Parse(ReadText(path), path))];
        // Two documents may not make one PNG ("a.latents.json" and "a.json" both give "a.render.png").
        var clash = sources.GroupBy(s => s.OutputName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new UserInputException($"{string.Join(" and ", clash.Select(s => $"'{s.Where}'"))} would both be rendered " +
                                         $"to '{clash.Key}'; expected one document per output name.");
        return sources;
    }

    static IReadOnlyList<RenderSource> ReadFolder(string folder)
    {
        var files = Directory.GetFiles(folder, LatentsPattern).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new UserInputException($"'{folder}' holds no *.latents.json file; expected a folder of latents documents.");
        return files.Select(f => new RenderSource(f, RenderOutputName.Of(f), Parse(ReadText(f), f))).ToList();
    }

    /// <summary>One document per non-blank line; line k of <c>batch.jsonl</c> renders to <c>batch-line-k.render.png</c>.</summary>
    static IReadOnlyList<RenderSource> ReadLines(string path)
    {
        string stem = Path.GetFileNameWithoutExtension(path);
        var sources = new List<RenderSource>();
        string[] lines = ReadText(path).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            string where = $"{path}, line {i + 1}";
            sources.Add(new RenderSource(where, $"{stem}-line-{i + 1}{RenderOutputName.Suffix}", Parse(line, where)));
        }
        if (sources.Count == 0)
            throw new UserInputException($"'{path}' has no latents document; expected one JSON document per line.");
        return sources;
    }

    static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new UserInputException($"Cannot read latents file '{path}': {e.Message}", e);
        }
    }

    static LatentsDocument Parse(string json, string where)
    {
        try
        {
            return LatentsDocumentReader.Read(json);
        }
        catch (LatentsFormatException e)
        {
            throw new UserInputException($"{where}: {e.Message}", e);
        }
    }

    /// <summary>The latents document a kaleido PNG carries, as it was rendered (with its seed, index and settings).</summary>
    static LatentsDocument ReadFromPng(string path)
    {
        ImageMetadata metadata = PngMetadataReader.Read(path);
        if (metadata.Latents is not { } json)
            throw new UserInputException(
                $"'{path}' has no '{ImageMetadataKeys.Latents}' text entry (a baseline package's image has none); " +
                "expected a PNG that kaleido generate wrote with a Kaleido package.");
        return Parse(json, $"{path}, text entry '{ImageMetadataKeys.Latents}'");
    }
}
