using Kaleido.Runtime.Diffusion.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// The paper's Fig. 3 toy end to end: train a class-conditioned baseline denoiser, a (class, z)-conditioned
/// denoiser and the mode prior p(z | c); sample both denoisers at every guidance scale with the runtime's
/// DDPM loop; count samples per nearest mode. Deterministic for given settings (on one thread: libtorch's
/// multithreaded reductions may round differently).
/// </summary>
public static class ToyExperiment
{
    // Offsets that give every random stream its own seed.
    const ulong BaselineStream = 0x1000, LatentStream = 0x2000, PriorStream = 0x3000, SubModeStream = 0x4000, SamplingStream = 0x5000;

    /// <summary>Runs the toy; <paramref name="log"/> (optional) gets one line per stage.</summary>
    public static ToyExperimentResult Run(ToyExperimentSettings settings, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var mixture = ToyMixture.Paper;
        var schedule = NoiseSchedule.CreateBase(new NoiseScheduleSettings { Kind = NoiseScheduleKind.SquaredCosine, TrainingSteps = 1000 });

        // 1. Train the baseline, the latent-augmented denoiser and the mode prior.
        using var baseline = TrainDenoiser(ToyModelKind.Baseline, mixture, schedule, settings, BaselineStream, out double baselineLoss);
        log?.WriteLine($"toy: trained baseline denoiser, final loss {baselineLoss:F4}");
        using var latent = TrainDenoiser(ToyModelKind.LatentAugmented, mixture, schedule, settings, LatentStream, out double latentLoss);
        log?.WriteLine($"toy: trained latent-augmented denoiser, final loss {latentLoss:F4}");
        using var priorGenerator = new Generator(settings.Seed + PriorStream);
        using var prior = new ToyModePrior(mixture.ClassCount, mixture.SubModesPerClass, priorGenerator);
        ToyTrainer.TrainPrior(prior, mixture, settings.Training, priorGenerator);
        var priorProbabilities = Enumerable.Range(0, mixture.ClassCount).Select(prior.Probabilities).ToArray();
        log?.WriteLine($"toy: trained mode prior, p(z | A) = [{string.Join(", ", priorProbabilities[0].Select(p => p.ToString("F3")))}]");

        // 2. Condition ids: the first SamplesPerClass rows are class 0, then class 1, …; the latent model's z comes from the prior.
        int[] classes = Enumerable.Range(0, mixture.ClassCount)
            .SelectMany(c => Enumerable.Repeat(c, settings.SamplesPerClass)).ToArray();
        using var subModeGenerator = new Generator(settings.Seed + SubModeStream);
        int[] subModes = prior.SampleSubModes(classes, subModeGenerator);
        var baselineConditioning = baseline.Conditioning;
        var latentConditioning = latent.Conditioning;
        int[] baselineIds = classes.Select(c => baselineConditioning.Id(c, 0)).ToArray();
        int[] latentIds = classes.Select((c, i) => latentConditioning.Id(c, subModes[i])).ToArray();

        // 3. Sample both models at every w and count shares.
        var runs = new List<ToyRun>();
        foreach (var (kind, denoiser, ids) in new[] { (ToyModelKind.Baseline, baseline, baselineIds), (ToyModelKind.LatentAugmented, latent, latentIds) })
            foreach (float w in settings.GuidanceScales)
            {
                float[] points = ToySampler.Sample(denoiser, ids, schedule, w, settings.SamplingSteps, settings.Seed + SamplingStream);
                var shares = ToyModeShares.Count(mixture, points, classes);
                runs.Add(new ToyRun(kind, w, points, classes, shares));
                log?.WriteLine($"toy: {kind} w = {w}: class A shares {shares.Share(0, 0):F3} / {shares.Share(0, 1):F3}");
            }

        var losses = new Dictionary<ToyModelKind, double> { [ToyModelKind.Baseline] = baselineLoss, [ToyModelKind.LatentAugmented] = latentLoss };
        return new ToyExperimentResult(mixture, runs, priorProbabilities, subModes, losses);
    }

    static ToyDenoiser TrainDenoiser(
        ToyModelKind kind, ToyMixture mixture, NoiseSchedule schedule, ToyExperimentSettings settings, ulong stream, out double finalLoss)
    {
        using var generator = new Generator(settings.Seed + stream);
        var denoiser = new ToyDenoiser(settings.Denoiser, ToyConditioning.For(kind, mixture), generator);
        finalLoss = ToyTrainer.TrainDenoiser(denoiser, mixture, schedule, settings.Training, generator);
        return denoiser;
    }
}
