namespace Kaleido.Cli.Commands;

/// <summary>
/// Base of every verb's options. Each verb collects its positional arguments in one list
/// (<see cref="CommandLine.Verb.Arguments"/>, which binds them here) and reports those it does not take, so a value
/// typed without its option name (<c>kaleido info models/x</c>) is rejected by <see cref="Program"/> instead of
/// silently dropped.
/// </summary>
public abstract class VerbOptions
{
    /// <summary>Every positional token of the command line.</summary>
    public IEnumerable<string> Arguments { get; internal set; } = [];

    /// <summary>Positional arguments the verb does not take: all of them, unless the verb takes some.</summary>
    public virtual IEnumerable<string> UnexpectedArguments => Arguments;
}
