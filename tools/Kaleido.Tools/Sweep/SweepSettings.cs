using System.Globalization;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Sessions;
using Kaleido.Tools.Metrics;

namespace Kaleido.Tools.Sweep;

/// <summary>One sweep's validated settings. Immutable.</summary>
public sealed record SweepSettings
{
    /// <summary>The default sampler of every cell: deterministic, so the same seeds give the same images in every run.</summary>
    public const string DefaultSampler = "ddim";

    public required string KaleidoModel { get; init; }

    /// <summary>The baseline package, or null to measure the Kaleido model alone (the steps study).</summary>
    public string? BaselineModel { get; init; }

    /// <summary>The sampler of every cell, one of the runtime's (<see cref="DiffusionSamplers.Names"/>).</summary>
    public string Sampler { get; init; } = DefaultSampler;
    public required string FeaturesPath { get; init; }
    public required string RealManifest { get; init; }
    public required string OutputDirectory { get; init; }
    public int Captions { get; init; } = 8;
    public int SamplesPerCaption { get; init; } = 4;
    public IReadOnlyList<float> Guidance { get; init; } = [1, 2, 4, 7];
    public int Steps { get; init; } = 50;

    /// <summary>The runtime's guidance cutoff (<see cref="DenoiseLoopSettings.GuidanceCutoff"/>) of every cell.</summary>
    public int GuidanceCutoff { get; init; }
    public int RealCount { get; init; } = 2000;

    /// <summary>ONNX Runtime's intra-op threads; 0 lets the runtime choose by the idle CPUs. Two sweeps side by side take 1 each.</summary>
    public int Threads { get; init; }

    /// <summary>Images per cell: precision/recall needs more than k of them.</summary>
    public int SamplesPerCell => Captions * SamplesPerCaption;

    /// <summary>Validates the parsed options; throws <see cref="ToolInputException"/> naming the bad option.</summary>
    public static SweepSettings From(SweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new SweepSettings
        {
            KaleidoModel = options.Kaleido,
            BaselineModel = string.IsNullOrEmpty(options.Baseline) ? null : options.Baseline,
            Sampler = options.Sampler,
            FeaturesPath = options.Features,
            RealManifest = options.Real,
            OutputDirectory = options.Out,
            Captions = options.Captions,
            SamplesPerCaption = options.SamplesPerCaption,
            Guidance = ParseGuidance(options.Guidance),
            Steps = options.Steps,
            GuidanceCutoff = options.GuidanceCutoff,
            RealCount = options.RealCount,
            Threads = options.Threads,
        };
        settings.Validate();
        return settings;
    }

    public void Validate()
    {
        RequireRange("--captions", Captions, 1, 10_000);
        RequireRange("--samples-per-caption", SamplesPerCaption, 1, 100_000);
        RequireRange("--steps", Steps, 1, 1000);
        RequireRange("--guidance-cutoff", GuidanceCutoff, 0, 1000);
        RequireRange("--real-count", RealCount, PrecisionRecall.DefaultNeighbourhood + 1, 1_000_000);
        RequireRange("--threads", Threads, 0, SessionSettings.MaxIntraOpThreads);
        if (SamplesPerCell <= PrecisionRecall.DefaultNeighbourhood)
            throw new ToolInputException(
                $"--captions {Captions} x --samples-per-caption {SamplesPerCaption} makes {SamplesPerCell} images per cell; " +
                $"precision/recall with k = {PrecisionRecall.DefaultNeighbourhood} needs at least {PrecisionRecall.DefaultNeighbourhood + 1}.");
        if (!DiffusionSamplers.Names.Contains(Sampler, StringComparer.Ordinal))
            throw new ToolInputException($"--sampler takes one of {string.Join(", ", DiffusionSamplers.Names)}; got '{Sampler}'.");
        if (Guidance.Count == 0)
            throw new ToolInputException("--guidance needs at least one scale.");
        if (!File.Exists(FeaturesPath))
            throw new ToolInputException($"--features '{FeaturesPath}' does not exist; expected features.onnx from kaleido-export evaluate-classifier.");
        if (!File.Exists(RealManifest))
            throw new ToolInputException($"--real '{RealManifest}' does not exist; expected a shapes-dataset manifest (JSON Lines).");
    }

    /// <summary>"1,2,4,7" → [1, 2, 4, 7]; each a finite number ≥ 0, no repeats.</summary>
    public static IReadOnlyList<float> ParseGuidance(string text)
    {
        var scales = new List<float>();
        foreach (string part in (text ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            if (!float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out float w) || !float.IsFinite(w) || w < 0)
                throw new ToolInputException($"--guidance takes comma-separated numbers >= 0 (e.g. 1,2,4,7); got '{part}' in '{text}'.");
            if (scales.Contains(w))
                throw new ToolInputException($"--guidance lists {part} twice in '{text}'.");
            scales.Add(w);
        }
        return scales;
    }

    static void RequireRange(string name, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new ToolInputException($"{name} takes a whole number in {min}..{max}; got {value}.");
    }
}
