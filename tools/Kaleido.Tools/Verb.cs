using System.CommandLine;

namespace Kaleido.Tools;

/// <summary>
/// One verb of <c>kaleido-tools</c>: its System.CommandLine command, whose options are built explicitly, and how to
/// read the verb's typed options back from a parse with <see cref="ParseResult.GetValue{T}(Option{T})"/>. No
/// reflection: the binding is trimming- and AOT-safe.
/// </summary>
/// <typeparam name="TOptions">The verb's options class, the typed result its command code runs on.</typeparam>
public sealed class Verb<TOptions>(Command command, Func<ParseResult, TOptions> bind) where TOptions : class
{
    /// <summary>The verb's command; a fresh instance per <c>Create*</c> call, so parses never share state.</summary>
    public Command Command { get; } = command;

    /// <summary>The typed options of a parse of <see cref="Command"/> without errors.</summary>
    public TOptions Bind(ParseResult result) => bind(result);
}
