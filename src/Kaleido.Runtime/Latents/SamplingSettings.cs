using System.Globalization;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// How a sample was drawn, recorded with its latents so it can be drawn again. Every field is
/// optional: a file names only the settings that were set. Ranges are checked when the file is
/// read or written, so a bad value is reported with its field name.
/// </summary>
public sealed record SamplingSettings
{
    /// <summary>Denoising steps of the diffusion sampler.</summary>
    public int? Steps { get; init; }

    /// <summary>Diffusion sampler name, e.g. "ddim".</summary>
    public string? Sampler { get; init; }

    /// <summary>Classifier-free guidance weight.</summary>
    public double? Guidance { get; init; }

    /// <summary>Steps with table index t below this ran unguided; absent when guidance ran at every step (0).</summary>
    public int? GuidanceCutoff { get; init; }

    /// <summary>DDIM eta (0 is deterministic).</summary>
    public double? Eta { get; init; }

    /// <summary>Temperature of the autoregressive prior p(z|c).</summary>
    public double? Temperature { get; init; }

    /// <summary>Top-k of the prior's sampling.</summary>
    public int? TopK { get; init; }

    /// <summary>Top-p (nucleus) of the prior's sampling.</summary>
    public double? TopP { get; init; }

    /// <summary>The prior's token limit when the run set one (a lower limit changes what the same seed samples).</summary>
    public int? MaxLatentTokens { get; init; }

    /// <summary>Null when every set value is usable, else the first bad field (camelCase) and its problem.</summary>
    public (string Field, string Problem)? FindProblem()
    {
        if (Steps is < 1) return ("steps", $"expected an integer >= 1 but found {Steps}");
        if (Sampler is { Length: 0 }) return ("sampler", "expected a non-empty sampler name but found \"\"");
        if (Guidance is { } guidance && !(double.IsFinite(guidance) && guidance >= 0))
            return ("guidance", $"expected a finite number >= 0 but found {Show(guidance)}");
        if (GuidanceCutoff is < 0) return ("guidanceCutoff", $"expected an integer >= 0 but found {GuidanceCutoff}");
        if (Eta is { } eta && !(double.IsFinite(eta) && eta >= 0))
            return ("eta", $"expected a finite number >= 0 but found {Show(eta)}");
        if (Temperature is { } temperature && !(double.IsFinite(temperature) && temperature >= 0))
            return ("temperature", $"expected a finite number >= 0 but found {Show(temperature)}");
        if (TopK is < 1) return ("topK", $"expected an integer >= 1 but found {TopK}");
        if (TopP is { } topP && !(topP > 0 && topP <= 1))
            return ("topP", $"expected a number in (0, 1] but found {Show(topP)}");
        if (MaxLatentTokens is < 1) return ("maxLatentTokens", $"expected an integer >= 1 but found {MaxLatentTokens}");
        return null;
    }

    static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
