using Kaleido.Runtime;

namespace Kaleido.Export.Evaluation;

/// <summary>A user's mistake in the evaluation command's input (options, manifest, images); the message says what and where.</summary>
public sealed class EvaluationInputException : UserInputException
{
    public EvaluationInputException(string message) : base(message) { }

    public EvaluationInputException(string message, Exception? inner) : base(message, inner) { }
}
