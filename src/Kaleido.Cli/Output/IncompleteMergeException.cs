using Kaleido.Runtime;

namespace Kaleido.Cli.Output;

/// <summary>
/// <c>merge</c> found the run incomplete or inconsistent (exit code <see cref="ExitCodes.IncompleteMerge"/>); the
/// message names each problem. Nothing was written.
/// </summary>
public sealed class IncompleteMergeException(string message) : UserInputException(message);
