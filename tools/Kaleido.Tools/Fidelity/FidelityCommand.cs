using System.Text;
using System.Text.Json;

namespace Kaleido.Tools.Fidelity;

/// <summary>
/// Runs <c>kaleido-tools fidelity</c> and prints the report. Exits 0 whatever the figure (the command measures); only a
/// model or manifest that cannot be used is an error.
/// </summary>
public static class FidelityCommand
{
    /// <summary>Unfaithful draws shown per caption in the text report (the JSON has them all).</summary>
    const int ExamplesPerCaption = 1;

    public static int Run(FidelityOptions options, TextWriter output)
    {
        var settings = new FidelitySettings(options.CaptionsPerClass, options.Draws, options.Temperature, options.CaptionSeed);
        settings.Validate();
        HashSet<string> training = HeldOutCaptions.ReadPrompts(options.Manifest);
        if (training.Count == 0)
            throw new ToolInputException($"The training manifest '{options.Manifest}' holds no documents.");
        IReadOnlyList<HeldOutCaption> captions = HeldOutCaptions.Generate(settings.CaptionsPerClass, training, settings.CaptionSeed);
        FidelityReport report = FidelityCheck.Run(options.Model, captions, settings, training.Count);
        output.Write(options.Json ? ToJson(report) : ToText(report));
        return ExitCodes.Ok;
    }

    public static string ToText(FidelityReport report)
    {
        var text = new StringBuilder();
        FidelitySettings s = report.Settings;
        text.AppendLine($"Model {report.ModelId} ({report.LatentKind} latents): {report.Captions.Count} held-out captions (caption seed {s.CaptionSeed}, "
                        + $"{report.ExcludedPrompts} training prompts excluded) x {s.Draws} draws, temperature {s.Temperature}.");
        foreach (FidelityCaptionResult r in report.Captions)
        {
            text.AppendLine($"  {r.Caption.Class.ToName(),-12} {r.Share,6:P1}  \"{r.Caption.Caption}\"");
            foreach (FidelityDraw d in r.Unfaithful.Take(ExamplesPerCaption))
                text.AppendLine($"      seed {d.Seed}: {string.Join("; ", d.Verdict.Problems)}");
        }
        text.AppendLine("Faithful draws per class:");
        foreach (FidelityClassResult c in report.Classes)
            text.AppendLine($"  {c.Class.ToName(),-12} {c.Faithful,6} of {c.Draws,6} = {c.Share:F3}  ({c.Captions} captions{(c.Captions < s.CaptionsPerClass ? $", fewer than {s.CaptionsPerClass}: no more held-out captions found" : "")})");
        text.AppendLine($"  {"overall",-12} {report.Faithful,6} of {report.Draws,6} = {report.Share:F3}");
        text.AppendLine("Unfaithful draws by main reason: " + FormatReasons(report.MainReasons) + ".");
        text.AppendLine("Unfaithful draws with each reason (any problem): " + FormatReasons(report.AnyReasons) + ".");
        text.AppendLine($"Took {report.Seconds:F1} s.");
        return text.ToString();
    }

    static string FormatReasons(IReadOnlyList<(FidelityReason Reason, int Draws)> reasons) =>
        reasons.Count == 0 ? "none" : string.Join(", ", reasons.Select(p => $"{p.Reason.ToName()} {p.Draws}"));

    public static string ToJson(FidelityReport report)
    {
        FidelitySettings s = report.Settings;
        return ReportJson.Object(json =>
        {
            json.WriteString("modelId", report.ModelId);
            json.WriteString("latentKind", report.LatentKind);
            json.WriteStartObject("settings");
            json.WriteNumber("captionsPerClass", s.CaptionsPerClass);
            json.WriteNumber("draws", s.Draws);
            json.WriteNumber("temperature", s.Temperature);
            json.WriteNumber("captionSeed", s.CaptionSeed);
            json.WriteNumber("excludedPrompts", report.ExcludedPrompts);
            json.WriteEndObject();
            json.WriteNumber("share", report.Share);
            json.WriteNumber("faithful", report.Faithful);
            json.WriteNumber("draws", report.Draws);
            json.WriteStartObject("classes");
            foreach (FidelityClassResult c in report.Classes)
            {
                json.WriteStartObject(c.Class.ToName());
                json.WriteNumber("captions", c.Captions);
                json.WriteNumber("draws", c.Draws);
                json.WriteNumber("faithful", c.Faithful);
                json.WriteNumber("share", c.Share);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            WriteReasons(json, "mainReasons", report.MainReasons);
            WriteReasons(json, "anyReasons", report.AnyReasons);
            json.WriteNumber("seconds", Math.Round(report.Seconds, 2));
            json.WriteStartArray("captions");
            foreach (FidelityCaptionResult r in report.Captions)
            {
                json.WriteStartObject();
                json.WriteString("caption", r.Caption.Caption);
                json.WriteString("class", r.Caption.Class.ToName());
                json.WriteNumber("draws", r.Draws);
                json.WriteNumber("faithful", r.Faithful);
                json.WriteStartArray("unfaithful");
                foreach (FidelityDraw d in r.Unfaithful)
                {
                    json.WriteStartObject();
                    json.WriteNumber("seed", d.Seed);
                    json.WriteString("latents", d.Latents);
                    json.WriteStartArray("problems");
                    foreach (FidelityProblem p in d.Verdict.Problems)
                    {
                        json.WriteStartObject();
                        json.WriteString("reason", p.Reason.ToName());
                        json.WriteString("detail", p.Detail);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    static void WriteReasons(Utf8JsonWriter json, string name, IReadOnlyList<(FidelityReason Reason, int Draws)> reasons)
    {
        json.WriteStartObject(name);
        foreach ((FidelityReason reason, int draws) in reasons)
            json.WriteNumber(reason.ToName(), draws);
        json.WriteEndObject();
    }
}
