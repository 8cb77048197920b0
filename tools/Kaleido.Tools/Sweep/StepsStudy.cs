using System.Globalization;
using System.Text;
using Kaleido.Plots;
using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Tools.Sweep;

/// <summary>
/// Steps against quality (issue 15): sweeps of one model, each with one sampler, step count and guidance cutoff, set
/// against the reference (DDPM at its largest step count, guided at every step). Picks the fewest denoiser evaluations
/// whose FID at the highest guidance is within <see cref="Tolerance"/> of the reference's.
/// </summary>
public sealed class StepsStudy
{
    /// <summary>How far above the reference's FID a setting may be and still count as the same quality.</summary>
    public const double Tolerance = 0.05;

    public const string ReferenceSampler = "ddpm";

    /// <summary>T of the shapes models' schedules, which the step tables are drawn from.</summary>
    public const int TrainingSteps = 1000;

    /// <summary>One measured setting at one guidance scale.</summary>
    public sealed record Row(string Sampler, int Steps, float Guidance, double Fid, double Precision, double Recall, int Samples, double SecondsPerImage,
        double FidLow = 0, double FidHigh = 0, int GuidanceCutoff = 0)
    {
        /// <summary>Denoiser rows per image: 2 per guided step, 1 per unguided one (<see cref="DenoiseLoopSettings.EvaluationsPerImage"/>).</summary>
        public int Evaluations => new DenoiseLoopSettings { Steps = Steps, Guidance = Guidance, GuidanceCutoff = GuidanceCutoff }.EvaluationsPerImage(TrainingSteps);

        /// <summary>The sampler, and its cutoff when it has one: "ddim", "ddim, t ≥ 110 guided".</summary>
        public string Label => GuidanceCutoff == 0 ? Sampler : Invariant($"{Sampler}, t ≥ {GuidanceCutoff} guided");
    }

    public IReadOnlyList<Row> Rows { get; }
    public string Model { get; }

    /// <summary>The reference sampler's largest step count.</summary>
    public int ReferenceSteps { get; }

    StepsStudy(string model, IReadOnlyList<Row> rows, int referenceSteps) => (Model, Rows, ReferenceSteps) = (model, rows, referenceSteps);

    /// <summary>Checks that the sweeps belong together: one model, the same captions, samples and guidance scales, each setting once, and a DDPM one.</summary>
    public static StepsStudy From(IReadOnlyList<SweepResult> sweeps)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        if (sweeps.Count == 0)
            throw new ToolInputException("--results: give at least one sweep's results.json.");
        SweepResult first = sweeps[0];
        if (first.Models.Count != 1)
            throw new ToolInputException($"--results: each sweep must measure one model (a sweep without --baseline); the first has {first.Models.Count}.");
        var rows = new List<Row>();
        var seen = new HashSet<(string, int, int)>();
        foreach (SweepResult sweep in sweeps)
        {
            string setting = sweep.GuidanceCutoff == 0 ? $"{sweep.Sampler} {sweep.Steps} steps" : $"{sweep.Sampler} {sweep.Steps} steps (cutoff {sweep.GuidanceCutoff})";
            if (!sweep.Models.SequenceEqual(first.Models))
                throw new ToolInputException($"--results: the {setting} sweep measures {string.Join(", ", sweep.Models)}, not {first.Models[0]}.");
            if (!sweep.Captions.SequenceEqual(first.Captions) || sweep.SamplesPerCaption != first.SamplesPerCaption || sweep.RealImages != first.RealImages)
                throw new ToolInputException($"--results: the {setting} sweep used other captions, samples per caption or real images than the first; a steps study compares the same ones.");
            if (!sweep.Cells.Select(c => c.Guidance).Order().SequenceEqual(first.Cells.Select(c => c.Guidance).Order()))
                throw new ToolInputException($"--results: the {setting} sweep has other guidance scales than the first.");
            if (!seen.Add((sweep.Sampler, sweep.Steps, sweep.GuidanceCutoff)))
                throw new ToolInputException($"--results: {setting} is given twice.");
            rows.AddRange(sweep.Cells.Select(c => new Row(sweep.Sampler, sweep.Steps, c.Guidance, c.Fid, c.Precision, c.Recall, c.Samples,
                c.Seconds / Math.Max(1, c.Samples + c.Failed), c.FidLow, c.FidHigh, sweep.GuidanceCutoff)));
        }
        int[] referenceSteps = rows.Where(r => r.Sampler == ReferenceSampler && r.GuidanceCutoff == 0).Select(r => r.Steps).ToArray();
        if (referenceSteps.Length == 0)
            throw new ToolInputException($"--results: no '{ReferenceSampler}' sweep guided at every step; the study measures the others against it.");
        var ordered = rows.OrderBy(r => r.Guidance).ThenBy(r => r.Sampler == ReferenceSampler ? 0 : 1).ThenBy(r => r.Sampler, StringComparer.Ordinal)
            .ThenBy(r => r.GuidanceCutoff).ThenBy(r => r.Steps).ToArray();
        return new StepsStudy(first.Models[0], ordered, referenceSteps.Max());
    }

    public IReadOnlyList<float> Guidances => Rows.Select(r => r.Guidance).Distinct().Order().ToArray();

    /// <summary>The reference's FID at guidance <paramref name="w"/>.</summary>
    public double ReferenceFid(float w) => Rows.Single(r => IsReference(r) && r.Guidance == w).Fid;

    /// <summary>The reference setting itself; DDPM at fewer steps, or with a cutoff, is a candidate like any other.</summary>
    bool IsReference(Row row) => row.Sampler == ReferenceSampler && row.Steps == ReferenceSteps && row.GuidanceCutoff == 0;

    /// <summary>The reference's denoiser rows per image at guidance <paramref name="w"/>.</summary>
    int ReferenceEvaluations(float w) => Rows.First(r => IsReference(r) && r.Guidance == w).Evaluations;

    /// <summary>FID relative to the reference's at the same guidance: 0.03 is 3 % worse.</summary>
    public double RelativeFid(Row row) => row.Fid / ReferenceFid(row.Guidance) - 1;

    /// <summary>
    /// The fewest denoiser evaluations (then the lower FID) among the non-reference settings whose FID at the highest
    /// guidance is within <see cref="Tolerance"/> of the reference's; null when none is.
    /// </summary>
    public Row? Choice()
    {
        float w = Guidances[^1];
        double bar = ReferenceFid(w) * (1 + Tolerance);
        return Rows.Where(r => r.Guidance == w && !IsReference(r) && r.Fid <= bar)
            .OrderBy(r => r.Evaluations).ThenBy(r => r.Fid).FirstOrDefault();
    }

    public string ToMarkdown(string plotFileName = "steps.png")
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Model {Model}; reference {ReferenceSampler.ToUpperInvariant()} {ReferenceSteps} steps; {Rows[0].Samples} images per row (fewer where latents never parsed). Evaluations: denoiser rows per image, 2 per guided step ([uncond; cond]) and 1 per unguided step (w = 1, or t below the guidance cutoff)."));
        text.AppendLine();
        text.AppendLine("| guidance | sampler | steps | guidance cutoff | evaluations | FID | FID ± 95 % (bootstrap) | FID vs reference | precision | recall | s/image |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (Row r in Rows)
        {
            string interval = r.FidHigh > 0 ? Invariant($"± {(r.FidHigh - r.FidLow) / 2:0.00}") : "not measured";
            text.AppendLine(Invariant($"| {r.Guidance:0.##} | {r.Sampler} | {r.Steps} | {r.GuidanceCutoff} | {r.Evaluations} | {r.Fid:0.00} | {interval} | {RelativeFid(r):+0.0%;-0.0%;0.0%} | {r.Precision:0.000} | {r.Recall:0.000} | {r.SecondsPerImage:0.00} |"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"![FID against steps]({plotFileName})"));
        text.AppendLine();
        float w = Guidances[^1];
        text.AppendLine(Choice() is Row choice
            ? Invariant($"Fewest evaluations within {Tolerance:0%} of the reference's FID at guidance {w:0.##}: **{choice.Label}, {choice.Steps} steps** (FID {choice.Fid:0.00}, {RelativeFid(choice):+0.0%;-0.0%;0.0%}; {(double)ReferenceEvaluations(w) / choice.Evaluations:0.#}× fewer denoiser evaluations).")
            : Invariant($"No measured setting comes within {Tolerance:0%} of the reference's FID at guidance {w:0.##}."));
        return text.ToString();
    }

    static readonly PlotColour[] Colours = [new(30, 60, 220), new(20, 160, 40), new(230, 140, 0), new(140, 60, 180)];
    static readonly PlotColour ReferenceColour = new(220, 30, 30);

    /// <summary>One panel per guidance: FID against steps, one line per sampler, the reference and its tolerance as flat lines.</summary>
    public Figure Describe()
    {
        Row[] others = Rows.Where(r => !IsReference(r)).ToArray();
        string[] samplers = others.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        double minSteps = others.Length == 0 ? 1 : others.Min(r => r.Steps), maxSteps = others.Length == 0 ? ReferenceSteps : others.Max(r => r.Steps);
        var panels = Guidances.Select(w =>
        {
            double reference = ReferenceFid(w);
            var series = samplers.Select((sampler, i) =>
            {
                Row[] line = others.Where(r => r.Guidance == w && r.Label == sampler).OrderBy(r => r.Steps).ToArray();
                return new PlotSeries(sampler, line.Select(r => (double)r.Steps).ToArray(), line.Select(r => r.Fid).ToArray(), Colours[i % Colours.Length]);
            }).ToList();
            series.Add(new PlotSeries(Invariant($"{ReferenceSampler} {ReferenceSteps} (reference)"), [minSteps, maxSteps], [reference, reference], ReferenceColour) { MarkerSize = 0 });
            series.Add(new PlotSeries(Invariant($"reference + {Tolerance:0%}"), [minSteps, maxSteps], [reference * (1 + Tolerance), reference * (1 + Tolerance)],
                new PlotColour(240, 150, 150)) { MarkerSize = 0 });
            double top = Rows.Where(r => r.Guidance == w).Max(r => r.Fid) * 1.15;
            return new PlotPanel(Invariant($"FID against steps, guidance {w:0.##}"), "sampler steps (denoiser runs per image)", "FID", series)
            {
                YRange = new AxisRange(0, top),
            };
        }).ToArray();
        return new Figure(panels, Columns: panels.Length);
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
