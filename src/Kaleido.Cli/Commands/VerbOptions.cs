namespace Kaleido.Cli.Commands;

/// <summary>
/// Base of every verb's options. Each verb collects its positional arguments in one list
/// (<see cref="CommandLine.Verb.Arguments"/>) and reports those it does not take here, so a value typed
/// without its option name (<c>kaleido info models/x</c>) is rejected by <see cref="Program"/> instead of
/// silently dropped.
/// </summary>
public abstract class VerbOptions
{
    /// <summary>Positional arguments the verb does not take.</summary>
    public abstract IEnumerable<string> UnexpectedArguments { get; }
}
