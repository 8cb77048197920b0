namespace Kaleido.Fuzz;

/// <summary>
/// One reader under fuzzing. It takes any bytes, fed the way the CLI feeds that reader, and must either
/// accept them or throw the exception type it documents for bad input, with a message a user can act on.
/// Anything else escapes <see cref="Run"/>, and so is a crash for afl-fuzz and a failure for the replay tests.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name tools/fuzz.sh and the corpus folder (tests/fuzz-corpus/NAME) use.</summary>
    public abstract string Name { get; }

    /// <summary>The exception type the reader documents for bad input (subclasses count too).</summary>
    public abstract Type DocumentedException { get; }

    /// <summary>
    /// What every rejection's message must contain so the user can find the bad input (a file's path), or
    /// null when the reader is given text without a name and the caller adds the name.
    /// </summary>
    public virtual IReadOnlyList<string>? InputNames => null;

    /// <summary>Feeds the bytes to the reader; on acceptance also checks what the reader promises of a good input.</summary>
    protected abstract void Read(byte[] input);

    /// <summary>
    /// Null when the reader accepted the input; the documented exception when it rejected it clearly.
    /// Throws anything undocumented unchanged, and <see cref="FuzzFindingException"/> for an unclear rejection.
    /// </summary>
    public Exception? Run(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            Read(input);
            return null;
        }
        catch (Exception e) when (DocumentedException.IsInstanceOfType(e))
        {
            CheckMessage(e);
            return e;
        }
    }

    void CheckMessage(Exception e)
    {
        // The CLI prints the message alone (no stack trace): it must say something, on its own.
        if (string.IsNullOrWhiteSpace(e.Message))
            throw new FuzzFindingException($"{Name}: {e.GetType().Name} with an empty message", e);
        if (e.Message.Contains("   at ", StringComparison.Ordinal))
            throw new FuzzFindingException($"{Name}: {e.GetType().Name} whose message holds a stack trace", e);
        if (InputNames is { } names && !names.Any(n => e.Message.Contains(n, StringComparison.Ordinal)))
            throw new FuzzFindingException(
                $"{Name}: {e.GetType().Name} whose message names none of {string.Join(", ", names.Select(n => $"'{n}'"))}: {e.Message}", e);
    }
}
