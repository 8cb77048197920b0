using CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>
/// Base of every verb's options. CommandLineParser ignores positional arguments a verb does not
/// declare, so a value typed without its option name (<c>kaleido info models/x</c>) would be
/// silently dropped; this collects them so <see cref="Program"/> can reject them. A verb that takes
/// positional arguments declares them and then catches the rest itself.
/// </summary>
public abstract class VerbOptions
{
    [Value(0, Hidden = true)]
    public IEnumerable<string> UnexpectedArguments { get; init; } = [];
}
