namespace Kaleido.Cli;

/// <summary>
/// The process exit codes of the <c>kaleido</c> tool, listed in <c>--help</c> and docs/cli.md.
/// A code, once documented, keeps its meaning: scripts test for it.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>
    /// <c>merge</c> found the run incomplete or inconsistent: a shard or unit missing, a unit listed twice, a listed file
    /// deleted or changed (<c>IncompleteMergeException</c>); nothing was written. Make or fix what it names and merge again.
    /// </summary>
    public const int IncompleteMerge = 1;

    /// <summary>A user's mistake: bad arguments or option values, a malformed prompt file, an over-long prompt.</summary>
    public const int BadInput = 2;

    /// <summary>The model package is missing, malformed, damaged or tampered with (a file's size or SHA-256 differs).</summary>
    public const int BadPackage = 3;

    /// <summary>
    /// The prior kept producing latents that fail validation, after every retry
    /// (<c>LatentSamplingException</c>; generate and latents).
    /// </summary>
    public const int InvalidLatents = 4;

    /// <summary>
    /// The requested device (execution provider, e.g. CUDA) is not available on this machine.
    /// (<c>DeviceUnavailableException</c>; never answered by falling back to the CPU.)
    /// </summary>
    public const int DeviceUnavailable = 5;

    /// <summary>
    /// The output folder cannot be created or written, permanently: a file in its place or in the way of an output
    /// file, a read-only or pseudo file system, a damaged manifest line (not the last).
    /// </summary>
    public const int OutputNotWritable = 6;

    /// <summary>
    /// An output file is already there with other settings or other bytes, or is not in the folder's manifest
    /// (<c>OutputConflictException</c>); nothing was replaced. <c>--overwrite</c> replaces it.
    /// </summary>
    public const int OutputConflict = 7;

    /// <summary>A bug in kaleido (EX_SOFTWARE from sysexits.h); set KALEIDO_DEBUG=1 to print the stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>
    /// A fault that may pass (EX_TEMPFAIL from sysexits.h): the disk full, SIGTERM, the device out of memory. No
    /// partial file is left; the same command run again resumes, skipping the files already finished.
    /// </summary>
    public const int TransientFailure = 75;

    /// <summary>Every code with a one-line meaning, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Described { get; } =
    [
        (Ok, "success"),
        (IncompleteMerge, "merge: the run is incomplete or inconsistent (a shard or unit missing or twice, a file deleted or changed)"),
        (BadInput, "bad arguments or input file (the message says which and what was expected)"),
        (BadPackage, "model package missing, malformed or damaged (a file's size or SHA-256 differs)"),
        (InvalidLatents, "the prior's latents stayed invalid after every retry"),
        (DeviceUnavailable, "the requested device / execution provider is not available"),
        (OutputNotWritable, "the output folder cannot be created or written (read-only, a file or folder in the way)"),
        (OutputConflict, "an output file is already there with other settings or not in the folder's manifest; --overwrite replaces it"),
        (InternalError, "internal error (a bug; set KALEIDO_DEBUG=1 for the stack trace)"),
        (TransientFailure, "stopped by a fault that may pass (disk full, SIGTERM, device out of memory); run again to resume"),
    ];
}
