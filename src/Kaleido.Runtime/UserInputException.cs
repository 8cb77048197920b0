namespace Kaleido.Runtime;

/// <summary>
/// A user's mistake — a malformed file, a bad option value, a damaged package — as opposed to a
/// broken contract inside our code. The CLI prints <see cref="Exception.Message"/> without a stack
/// trace and exits with a documented non-zero code, so the message must name the input and what
/// was expected.
/// </summary>
public class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }

    public UserInputException(string message, Exception? inner) : base(message, inner) { }
}
