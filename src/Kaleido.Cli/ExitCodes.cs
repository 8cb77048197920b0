namespace Kaleido.Cli;

/// <summary>The process exit codes the tool documents in its help and README.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>A user's mistake: bad arguments, a malformed file, an over-long prompt.</summary>
    public const int BadInput = 2;
}
