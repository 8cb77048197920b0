using Kaleido.Runtime;

namespace Kaleido.Cli.Output;

/// <summary>
/// A file this run would write is already in the output folder with other content or other settings
/// (exit code <see cref="ExitCodes.OutputConflict"/>); <c>--overwrite</c> replaces it.
/// </summary>
public sealed class OutputConflictException(string message) : UserInputException(message);
