using System.Text;
using System.Text.Json;
using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Evaluation;

/// <summary>
/// Runs <c>kaleido-tools quality</c> and prints the report. Exits 0 whatever the figure (the check measures,
/// the tests judge); only a model that cannot run is an error.
/// </summary>
public static class QualityCommand
{
    public static int Run(QualityOptions options, TextWriter output)
    {
        IReadOnlyList<LatentsDocument>? given = options.Latents is null ? null : LatentsManifest.ReadFirst(options.Latents, options.Count);
        IReadOnlyList<string> captions = given is not null ? given.Select(d => d.Prompt).ToList()
            : options.Captions is null ? QualityCaptions.Default : QualityCaptions.Load(options.Captions);
        var settings = new QualitySettings(captions, given is null ? options.Seeds : 1, options.Steps, options.Guidance, options.Sampler, options.GuidanceCutoff);
        settings.Validate();
        QualityReport report = given is null ? QualityCheck.Run(options.Model, settings) : QualityCheck.RunOnLatents(options.Model, given, settings);
        output.Write(options.Json ? ToJson(report) : ToText(report));
        return ExitCodes.Ok;
    }

    public static string ToText(QualityReport report)
    {
        var text = new StringBuilder();
        QualitySettings s = report.Settings;
        text.AppendLine($"Model {report.ModelId}: {s.Captions.Count} captions x {s.Seeds} seeds, {s.Sampler} {s.Steps} steps, guidance {s.Guidance}{(s.GuidanceCutoff == 0 ? "" : $" (t >= {s.GuidanceCutoff} guided)")}.");
        foreach (QualitySample sample in report.Samples)
        {
            text.AppendLine($"\"{sample.Caption}\" seed {sample.Seed}:");
            if (!sample.Parsed)
            {
                text.AppendLine($"  latents did not parse: {sample.ParseProblem}");
                continue;
            }
            foreach (PhraseScore p in sample.Phrases)
            {
                string outcome = p.Skipped is { } reason ? $"skipped ({reason.ToName()})"
                    : p.DetectedBox is { } d ? $"detected {Format(d)} IoU {p.IoU:F2}{(p.IoU >= QualitySettings.HitIoU ? "" : " MISS")}"
                    : "not found MISS";
                text.AppendLine($"  {p.Phrase} {Format(p.LatentBox)}: {outcome}");
            }
        }
        text.AppendLine($"Latents parsed: {report.ParsedImages} of {report.Images} images ({report.ParseRate:P1}).");
        text.AppendLine($"Phrases: {report.Phrases}; scored {report.ScoredPhrases}; skipped " +
                        string.Join(", ", report.Skipped.Select(pair => $"{pair.Key.ToName()} {pair.Value}")) + ".");
        text.AppendLine($"Objects found at their latent box (IoU >= {QualitySettings.HitIoU}): {report.Hits} of {report.ScoredPhrases} = {report.HitRate:F3} (mean IoU {report.MeanIoU:F3}).");
        text.AppendLine($"Took {report.Seconds:F1} s.");
        return text.ToString();
    }

    public static string ToJson(QualityReport report)
    {
        QualitySettings s = report.Settings;
        return ReportJson.Object(json =>
        {
            json.WriteString("modelId", report.ModelId);
            json.WriteStartObject("settings");
            json.WriteNumber("captions", s.Captions.Count);
            json.WriteNumber("seeds", s.Seeds);
            json.WriteString("sampler", s.Sampler);
            json.WriteNumber("steps", s.Steps);
            json.WriteNumber("guidance", s.Guidance);
            json.WriteNumber("guidanceCutoff", s.GuidanceCutoff);
            json.WriteNumber("hitIoU", QualitySettings.HitIoU);
            json.WriteEndObject();
            json.WriteNumber("hitRate", report.HitRate);
            json.WriteNumber("hits", report.Hits);
            json.WriteNumber("scoredPhrases", report.ScoredPhrases);
            json.WriteNumber("phrases", report.Phrases);
            json.WriteNumber("meanIoU", report.MeanIoU);
            json.WriteStartObject("skipped");
            foreach ((PhraseSkipReason reason, int count) in report.Skipped)
                json.WriteNumber(reason.ToName(), count);
            json.WriteEndObject();
            json.WriteNumber("images", report.Images);
            json.WriteNumber("parsedImages", report.ParsedImages);
            json.WriteNumber("parseRate", report.ParseRate);
            json.WriteNumber("seconds", Math.Round(report.Seconds, 2));
            json.WriteStartArray("samples");
            foreach (QualitySample sample in report.Samples)
            {
                json.WriteStartObject();
                json.WriteString("caption", sample.Caption);
                json.WriteNumber("seed", sample.Seed);
                json.WriteString("latents", sample.Latents);
                if (sample.ParseProblem is not null)
                    json.WriteString("parseProblem", sample.ParseProblem);
                json.WriteStartArray("phrases");
                foreach (PhraseScore p in sample.Phrases)
                {
                    json.WriteStartObject();
                    json.WriteString("phrase", p.Phrase);
                    WriteBox(json, "latentBox", p.LatentBox);
                    json.WriteString("colour", p.Color);
                    if (p.DetectedBox is { } detected)
                        WriteBox(json, "detectedBox", detected);
                    else
                        json.WriteNull("detectedBox");
                    json.WriteNumber("iou", Math.Round(p.IoU, 4));
                    json.WriteString("skipped", p.Skipped?.ToName());
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    static void WriteBox(Utf8JsonWriter json, string name, BoundingBox box)
    {
        json.WriteStartArray(name);
        json.WriteNumberValue(box.X1);
        json.WriteNumberValue(box.Y1);
        json.WriteNumberValue(box.X2);
        json.WriteNumberValue(box.Y2);
        json.WriteEndArray();
    }

    static string Format(BoundingBox box) => $"({box.X1}, {box.Y1}, {box.X2}, {box.Y2})";
}
