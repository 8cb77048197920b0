using System.CommandLine;

namespace Kaleido.Tools.Sweep;

/// <summary>Command-line settings of <c>kaleido-tools sweep</c>; <see cref="SweepSettings.From"/> validates them.</summary>
public sealed class SweepOptions
{
    public const string VerbName = "sweep";

    public string Kaleido { get; init; } = "";

    public string Baseline { get; init; } = "";

    public string Features { get; init; } = "";

    public string Real { get; init; } = "";

    public string Out { get; init; } = "";

    public int Captions { get; init; } = 8;

    public int SamplesPerCaption { get; init; } = 4;

    public string Guidance { get; init; } = "1,2,4,7";

    public int Steps { get; init; } = 50;

    public int RealCount { get; init; } = 2000;

    public string Sampler { get; init; } = SweepSettings.DefaultSampler;

    public int Threads { get; init; }

    public int GuidanceCutoff { get; init; }

    /// <summary>The <c>sweep</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<SweepOptions> CreateVerb()
    {
        var kaleido = new Option<string>("--kaleido") { Required = true, Description = "Kaleido model package folder." };
        var baseline = new Option<string>("--baseline") { Description = "Baseline model package folder (left out: the Kaleido model alone)." };
        var features = new Option<string>("--features") { Required = true, Description = "Feature network (features.onnx from kaleido-export evaluate-classifier)." };
        var real = new Option<string>("--real") { Required = true, Description = "Shapes-dataset manifest: the real images, and the captions (its first N distinct prompts)." };
        var @out = new Option<string>("--out") { Required = true, Description = "Folder for results.json, results.md and results.png." };
        var captions = new Option<int>("--captions") { DefaultValueFactory = _ => 8, Description = "Number of distinct captions, taken in manifest order." };
        var samplesPerCaption = new Option<int>("--samples-per-caption") { DefaultValueFactory = _ => 4, Description = "Images per caption and cell (seeds: caption number, indices 0..N-1)." };
        var guidance = new Option<string>("--guidance") { DefaultValueFactory = _ => "1,2,4,7", Description = "Comma-separated guidance scales w." };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 50, Description = "Sampler steps per image." };
        var sampler = new Option<string>("--sampler") { DefaultValueFactory = _ => SweepSettings.DefaultSampler, Description = "Sampler of every cell: ddpm, ddim, dpm++2m or unipc." };
        var realCount = new Option<int>("--real-count") { DefaultValueFactory = _ => 2000, Description = "At most this many real images (the manifest's first ones)." };
        var guidanceCutoff = new Option<int>("--guidance-cutoff") { Description = "Steps with table index t below this run unguided (0: every step guided, the paper's)." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0: the runtime chooses by the idle CPUs)." };
        var command = new Command(VerbName, "Measure FID, precision/recall (k = 3) and attribute coverage of a Kaleido and a baseline model over guidance scales (the paper's Fig. 5).")
        {
            kaleido, baseline, features, real, @out, captions, samplesPerCaption, guidance, steps, realCount, sampler, guidanceCutoff, threads,
        };
        return new Verb<SweepOptions>(command, result => new SweepOptions
        {
            Kaleido = result.GetValue(kaleido)!,
            Baseline = result.GetValue(baseline) ?? "",
            Features = result.GetValue(features)!,
            Real = result.GetValue(real)!,
            Out = result.GetValue(@out)!,
            Captions = result.GetValue(captions),
            SamplesPerCaption = result.GetValue(samplesPerCaption),
            Guidance = result.GetValue(guidance)!,
            Steps = result.GetValue(steps),
            RealCount = result.GetValue(realCount),
            Sampler = result.GetValue(sampler)!,
            Threads = result.GetValue(threads),
            GuidanceCutoff = result.GetValue(guidanceCutoff),
        });
    }
}
