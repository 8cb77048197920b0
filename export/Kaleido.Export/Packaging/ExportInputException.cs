using Kaleido.Runtime;

namespace Kaleido.Export.Packaging;

/// <summary>A mistake in an export command's options or inputs; the CLI prints the message without a trace.</summary>
public sealed class ExportInputException(string message) : UserInputException(message);
