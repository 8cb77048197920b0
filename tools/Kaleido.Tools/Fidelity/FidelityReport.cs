namespace Kaleido.Tools.Fidelity;

/// <summary>One draw that was not faithful: its seed, latent text (null when unparsed) and verdict.</summary>
public sealed record FidelityDraw(ulong Seed, string? Latents, FidelityVerdict Verdict);

/// <summary>The draws of one caption.</summary>
public sealed record FidelityCaptionResult(HeldOutCaption Caption, int Draws, int Faithful, IReadOnlyList<FidelityDraw> Unfaithful)
{
    public double Share => Draws == 0 ? 0 : (double)Faithful / Draws;
}

/// <summary>One class's totals.</summary>
public sealed record FidelityClassResult(CaptionClass Class, int Captions, int Draws, int Faithful)
{
    public double Share => Draws == 0 ? 0 : (double)Faithful / Draws;
}

/// <summary>What <c>kaleido-tools fidelity</c> measured.</summary>
public sealed record FidelityReport(
    string ModelId, string LatentKind, FidelitySettings Settings, int ExcludedPrompts, IReadOnlyList<FidelityCaptionResult> Captions, double Seconds)
{
    public IReadOnlyList<FidelityClassResult> Classes =>
        CaptionClassInfo.All.Select(c =>
        {
            var of = Captions.Where(r => r.Caption.Class == c).ToList();
            return new FidelityClassResult(c, of.Count, of.Sum(r => r.Draws), of.Sum(r => r.Faithful));
        }).ToList();

    public int Draws => Captions.Sum(r => r.Draws);

    public int Faithful => Captions.Sum(r => r.Faithful);

    public double Share => Draws == 0 ? 0 : (double)Faithful / Draws;

    /// <summary>Unfaithful draws per main reason (each draw counted once, under its first problem), most first.</summary>
    public IReadOnlyList<(FidelityReason Reason, int Draws)> MainReasons =>
        Captions.SelectMany(r => r.Unfaithful).GroupBy(d => d.Verdict.Reason!.Value)
            .Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key).ToList();

    /// <summary>Unfaithful draws with each reason among any of their problems, most first.</summary>
    public IReadOnlyList<(FidelityReason Reason, int Draws)> AnyReasons =>
        Captions.SelectMany(r => r.Unfaithful).SelectMany(d => d.Verdict.Problems.Select(p => p.Reason).Distinct())
            .GroupBy(r => r).Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key).ToList();
}

/// <summary>What the fidelity measure samples. <see cref="Validate"/> names the first setting out of range.</summary>
public sealed record FidelitySettings(int CaptionsPerClass = 30, int Draws = 40, double Temperature = 1.0, ulong CaptionSeed = HeldOutCaptions.DefaultSeed)
{
    public void Validate()
    {
        if (CaptionsPerClass is < 1 or > 10_000)
            throw new ToolInputException($"--captions-per-class is {CaptionsPerClass}; expected 1 to 10000.");
        if (Draws is < 1 or > 100_000)
            throw new ToolInputException($"--draws is {Draws}; expected 1 to 100000.");
        if (!double.IsFinite(Temperature) || Temperature < 0)
            throw new ToolInputException($"--temperature is {Temperature}; expected a finite value >= 0.");
    }
}
