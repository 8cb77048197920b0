using System.CommandLine;
using Kaleido.Cli.Commands;

namespace Kaleido.Cli.CommandLine;

/// <summary>
/// One verb of <c>kaleido</c>: its System.CommandLine command, whose options are built explicitly, the argument that
/// collects every positional token of its command line, and how to read the verb's typed options back from a parse
/// with <see cref="ParseResult.GetValue{T}(Option{T})"/>. No reflection: the binding is trimming- and AOT-safe.
/// </summary>
public abstract class Verb(Command command, Argument<string[]> arguments)
{
    /// <summary>The verb's command; a fresh instance per <c>CreateVerb</c> call, so parses never share state.</summary>
    public Command Command { get; } = command;

    /// <summary>
    /// Every positional token, the verb's own (PROMPT, LATENTS.json) and the rest: System.CommandLine puts an
    /// unknown option here too, which <see cref="Program"/> reports as such.
    /// </summary>
    public Argument<string[]> Arguments { get; } = arguments;

    /// <summary>The verb's name on the command line.</summary>
    public string Name => Command.Name;

    /// <summary>The typed options of a parse of <see cref="Command"/> without errors.</summary>
    public abstract VerbOptions BindOptions(ParseResult result);
}

/// <inheritdoc cref="Verb"/>
/// <typeparam name="TOptions">The verb's options class, the typed result its command code runs on.</typeparam>
/// <param name="bind">Reads the verb's own options; <see cref="Bind"/> adds the positional arguments.</param>
public sealed class Verb<TOptions>(Command command, Argument<string[]> arguments, Func<ParseResult, TOptions> bind)
    : Verb(command, arguments) where TOptions : VerbOptions
{
    /// <summary>The typed options of a parse of <see cref="Verb.Command"/> without errors, positional arguments included.</summary>
    public TOptions Bind(ParseResult result)
    {
        TOptions options = bind(result);
        options.Arguments = result.GetValue(Arguments) ?? [];
        return options;
    }

    public override VerbOptions BindOptions(ParseResult result) => Bind(result);
}
