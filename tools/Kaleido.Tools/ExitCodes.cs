namespace Kaleido.Tools;

/// <summary>The process exit codes of <c>kaleido-tools</c> (the same meanings as the <c>kaleido</c> tool's).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>A user's mistake: bad arguments, a missing or malformed file.</summary>
    public const int BadInput = 2;
}
