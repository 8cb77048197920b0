using Kaleido.Runtime;

namespace Kaleido.Export.Toy;

/// <summary>A mistake in the toy command's arguments; its message is for the user, printed without a trace.</summary>
public sealed class ToyUsageException(string message) : UserInputException(message);
