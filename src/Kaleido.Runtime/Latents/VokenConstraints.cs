namespace Kaleido.Runtime.Latents;

/// <summary>
/// What a model package requires of visual codes: the paper's prior emits exactly 32 codes from
/// the SEED codebook (Appendix A), a package states its own numbers. Null means "not checked".
/// </summary>
public sealed record VokenConstraints
{
    public VokenConstraints(int? expectedCount = null, int? codebookSize = null)
    {
        if (expectedCount is <= 0)
            throw new ArgumentOutOfRangeException(nameof(expectedCount), expectedCount, "Must be positive.");
        if (codebookSize is <= 0)
            throw new ArgumentOutOfRangeException(nameof(codebookSize), codebookSize, "Must be positive.");
        ExpectedCount = expectedCount;
        CodebookSize = codebookSize;
    }

    /// <summary>The exact number of codes, or null for any count >= 1.</summary>
    public int? ExpectedCount { get; }

    /// <summary>Codes must be below this, or null for any non-negative code.</summary>
    public int? CodebookSize { get; }

    /// <summary>Checks a voken latent built in code or read from items; the parser checks text itself.</summary>
    public void Check(VokenLatents voken)
    {
        ArgumentNullException.ThrowIfNull(voken);
        if (ExpectedCount is { } count && voken.Codes.Count != count)
            throw new LatentsFormatException(
                $"voken latents: expected {count} visual codes but found {voken.Codes.Count}", LatentKind.Voken, null, null);
        if (CodebookSize is { } size)
        {
            for (int i = 0; i < voken.Codes.Count; i++)
            {
                if (voken.Codes[i] >= size)
                    throw new LatentsFormatException(
                        $"voken latents: visual code number {i + 1} of {voken.Codes.Count} is {voken.Codes[i]}; expected a code from 0 to {size - 1} (the codebook size is {size})",
                        LatentKind.Voken, null, null);
            }
        }
    }
}
