namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>
/// How to build the noise schedule shared by training and sampling. Immutable; see docs/diffusion.md
/// for why each default is what it is.
/// </summary>
public sealed record NoiseScheduleSettings
{
    /// <summary>SquaredCosine: what every released ml-mdm config uses ("cosine" in the paper is ambiguous).</summary>
    public NoiseScheduleKind Kind { get; init; } = NoiseScheduleKind.SquaredCosine;

    /// <summary>T = 1000 training steps, as in ml-mdm; the table holds γ[0..T].</summary>
    public int TrainingSteps { get; init; } = 1000;

    /// <summary>p in SNR' = SNR / s^p. 1 is ml-mdm's default and what its 256px config uses.</summary>
    public double ShiftPower { get; init; } = 1.0;

    /// <summary>λmin of the logSNR-cosine schedule (ignored by SquaredCosine); ml-mdm uses −5.</summary>
    public double LogSnrMin { get; init; } = -5.0;

    /// <summary>λmax of the logSNR-cosine schedule (ignored by SquaredCosine); ml-mdm uses 5.</summary>
    public double LogSnrMax { get; init; } = 5.0;

    /// <summary>Throws when a field is out of range, naming the field and what is allowed.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown noise schedule kind.");
        if (TrainingSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(TrainingSteps), TrainingSteps, "Training steps T must be at least 1.");
        if (!double.IsFinite(ShiftPower) || ShiftPower < 0)
            throw new ArgumentOutOfRangeException(nameof(ShiftPower), ShiftPower, "Shift power p must be finite and >= 0.");
        if (!double.IsFinite(LogSnrMin) || !double.IsFinite(LogSnrMax) || LogSnrMin >= LogSnrMax)
            throw new ArgumentOutOfRangeException(nameof(LogSnrMin), $"[{LogSnrMin}, {LogSnrMax}]",
                "The logSNR range needs finite bounds with LogSnrMin < LogSnrMax.");
    }
}
