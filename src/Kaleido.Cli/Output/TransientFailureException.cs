namespace Kaleido.Cli.Output;

/// <summary>
/// The run stopped for a reason that may pass — a full disk, SIGTERM, the device out of memory — leaving no partial
/// file (exit code <see cref="ExitCodes.TransientFailure"/>): the same command, run again later, resumes, since
/// finished files are skipped. Not a user's mistake and not a bug, so it prints no stack trace either.
/// </summary>
public sealed class TransientFailureException(string message, Exception? inner = null) : Exception(message, inner);
