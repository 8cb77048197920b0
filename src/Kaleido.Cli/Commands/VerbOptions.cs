namespace Kaleido.Cli.Commands;

/// <summary>
/// Base of every verb's options. CommandLineParser ignores positional arguments a verb does not
/// declare, so a value typed without its option name (<c>kaleido info models/x</c>) would be
/// silently dropped; each verb collects its positional arguments in one <c>[Value(0)]</c> list and
/// reports those it does not take here, so <see cref="Program"/> can reject them.
/// </summary>
public abstract class VerbOptions
{
    /// <summary>Positional arguments the verb does not take.</summary>
    public abstract IEnumerable<string> UnexpectedArguments { get; }
}
