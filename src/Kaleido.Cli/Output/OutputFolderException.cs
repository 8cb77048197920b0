using Kaleido.Runtime;

namespace Kaleido.Cli.Output;

/// <summary>The output folder cannot be made or written (exit code <see cref="ExitCodes.OutputNotWritable"/>).</summary>
public sealed class OutputFolderException(string message, Exception? inner = null) : UserInputException(message, inner);
