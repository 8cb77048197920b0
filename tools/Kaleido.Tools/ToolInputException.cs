namespace Kaleido.Tools;

/// <summary>A user's mistake in a tool's input; the CLI prints the message, never a stack trace.</summary>
public sealed class ToolInputException(string message) : Kaleido.Runtime.UserInputException(message);
