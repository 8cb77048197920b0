namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>
/// One resolution's γ' table, built once and never changed: the base schedule of the settings,
/// shifted by SNR' = SNR / s^p for that resolution's scale s. Shared by sampling and training.
/// </summary>
public sealed class NoiseSchedule
{
    readonly double[] _gammas;

    NoiseSchedule(NoiseScheduleSettings settings, double scale, double[] gammas)
    {
        Settings = settings;
        Scale = scale;
        _gammas = gammas;
    }

    /// <summary>The settings this table was built from.</summary>
    public NoiseScheduleSettings Settings { get; }

    /// <summary>s: this resolution over the base resolution (1 for the base, 4 for 256px over 64px).</summary>
    public double Scale { get; }

    /// <summary>T: γ' is indexed 0..T.</summary>
    public int TrainingSteps => _gammas.Length - 1;

    /// <summary>γ'[0..T]; γ'[0] = 1 (clean), γ'[T] the noisiest level.</summary>
    public ReadOnlySpan<double> Gammas => _gammas;

    /// <summary>γ'[index].</summary>
    public double Gamma(int index)
    {
        if ((uint)index > (uint)TrainingSteps)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The schedule index must be in 0..{TrainingSteps}.");
        return _gammas[index];
    }

    /// <summary>The unshifted (s = 1) schedule the settings describe.</summary>
    public static NoiseSchedule CreateBase(NoiseScheduleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        double[] gammas = settings.Kind switch
        {
            NoiseScheduleKind.SquaredCosine => SquaredCosineSchedule.BuildGammas(settings.TrainingSteps),
            NoiseScheduleKind.LogSnrCosine => LogSnrCosineSchedule.BuildGammas(settings.TrainingSteps, settings.LogSnrMin, settings.LogSnrMax),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "Unknown noise schedule kind."),
        };
        return new NoiseSchedule(settings, 1.0, gammas);
    }

    /// <summary>
    /// The schedule for a resolution <paramref name="scale"/> times the base one (SNR' = SNR / s^p with the
    /// settings' p). Scale 1 is the base itself. Build once per resolution and keep it.
    /// </summary>
    public static NoiseSchedule CreateForScale(NoiseScheduleSettings settings, double scale)
    {
        var baseSchedule = CreateBase(settings);
        return scale == 1.0 ? baseSchedule : baseSchedule.Shifted(scale);
    }

    /// <summary>This (base) schedule shifted for resolution scale s; see <see cref="CreateForScale"/>.</summary>
    public NoiseSchedule Shifted(double scale)
    {
        if (Scale != 1.0)
            throw new InvalidOperationException($"Shift the base schedule, not one already shifted (scale {Scale}).");
        return new NoiseSchedule(Settings, scale, ResolutionShift.ShiftTable(_gammas, scale, Settings.ShiftPower));
    }

    /// <summary>
    /// Training draws k uniformly from 0..T−1; the noise level is γ'[k + 1] and the model's time input is k
    /// (architecture-facts §2, "Training").
    /// </summary>
    public TrainingNoiseLevel TrainingLevel(int k)
    {
        if ((uint)k >= (uint)TrainingSteps)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"The training step k must be in 0..{TrainingSteps - 1}.");
        return new TrainingNoiseLevel(_gammas[k + 1], k);
    }
}
