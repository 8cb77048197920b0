using Kaleido.Runtime;

namespace Kaleido.Export.Training;

/// <summary>A user's mistake in training input (manifest, images, options); the message says what and where.</summary>
public sealed class TrainingInputException : UserInputException
{
    public TrainingInputException(string message) : base(message) { }

    public TrainingInputException(string message, Exception? inner) : base(message, inner) { }
}
