using System.CommandLine;
using System.CommandLine.Help;
using Kaleido.Cli.CommandLine;
using Kaleido.Cli.Commands;
using Kaleido.Runtime.Native;

namespace Kaleido.Cli;

/// <summary>
/// Entry point of the <c>kaleido</c> tool: parses the verb with System.CommandLine (options built explicitly, no
/// reflection), hands off to its command, and sends every failure through <see cref="ErrorReporter"/>.
/// </summary>
public static class Program
{
    /// <summary>Every spelling the tool reads as it is (no <c>@file</c> response files, unlike System.CommandLine's default).</summary>
    static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static int Main(string[] args)
    {
        // Before anything can load ONNX Runtime or GenAI: they read the variable once, at load.
        NativeEnvironment.DisableTelemetry();
        return Run(args, CommandContext.FromProcess());
    }

    /// <summary>The verbs that do work, in the order help lists them (then <c>help</c> and <c>version</c>).</summary>
    internal static IReadOnlyList<Verb> CreateVerbs() => new KaleidoCommand().Verbs;

    /// <summary>Runs the tool against <paramref name="context"/>'s writers and folder; returns the exit code.</summary>
    public static int Run(string[] args, CommandContext context)
    {
        var cli = new KaleidoCommand();
        Verb? verb = cli.VerbNamed(args.FirstOrDefault());
        if (verb is not null && OptionValueCheck.FindMissingValue(args, verb.Command, cli.Inherited) is { } missing)
            return Usage.ReportArgumentError(missing, verb, context);

        ParseResult parsed = cli.Root.Parse(args, Parsing);
        Command command = parsed.CommandResult.Command;
        if (parsed.Action is HelpAction)
            return Usage.WriteHelp(cli, command, context);
        if (command == cli.HelpVerb)
            return HelpOnVerb(cli, parsed.GetValue(cli.HelpVerbArguments) ?? [], context);
        if (parsed.GetResult(cli.Version) is { Implicit: false } || (command == cli.VersionVerb && parsed.Errors.Count == 0))
            return Usage.WriteVersion(context);
#if !KALEIDO_SERVE
        if (args.FirstOrDefault() == ServerlessBuild.ServeVerb)
            return Usage.ReportArgumentError(ServerlessBuild.Message, null, context);
#endif
        if (verb is null)
            return Usage.ReportArgumentError(NoVerbMessage(cli, args, parsed), null, context);
        if (FirstProblem(cli, verb, args, parsed) is { } problem)
            return Usage.ReportArgumentError(problem, verb, context);

        VerbOptions options = verb.BindOptions(parsed);
        if (options.UnexpectedArguments.FirstOrDefault() is { } extra)
            return Usage.ReportArgumentError($"unexpected argument '{extra}' (options start with '-').", verb, context);
        return Dispatch(options, context with { Arguments = args });
    }

    /// <summary><c>help</c> alone is the tool's page; <c>help VERB</c> the verb's.</summary>
    static int HelpOnVerb(KaleidoCommand cli, string[] names, CommandContext context)
    {
        if (names.Length == 0)
            return Usage.WriteHelp(cli, cli.Root, context);
        Command? named = cli.Root.Subcommands.FirstOrDefault(c => c.Name == names[0]);
        return named is null
            ? Usage.ReportArgumentError(UnknownVerb(cli, names[0]), null, context)
            : Usage.WriteHelp(cli, named, context);
    }

    static string NoVerbMessage(KaleidoCommand cli, string[] args, ParseResult parsed) =>
        args.Length == 0
            ? $"no verb given; expected one of: {string.Join(", ", cli.VerbNames)}."
            : UnknownVerb(cli, parsed.UnmatchedTokens.FirstOrDefault() ?? args[0]);

    static string UnknownVerb(KaleidoCommand cli, string name) =>
        $"unknown verb '{name}'; expected one of: {string.Join(", ", cli.VerbNames)}." + Suggestions.DidYouMean(name, cli.VerbNames);

    /// <summary>
    /// The first mistake on a verb's command line, or null: an unknown option (System.CommandLine takes it for a
    /// positional argument, so it is found among those before any <c>--</c>), an option given twice, a value
    /// that does not parse.
    /// </summary>
    static string? FirstProblem(KaleidoCommand cli, Verb verb, string[] args, ParseResult parsed)
    {
        string[] positional = parsed.GetValue(verb.Arguments) ?? [];
        int dashDash = Array.IndexOf(args, "--", 1);
        int afterDashDash = dashDash < 0 ? 0 : args.Length - dashDash - 1;
        IEnumerable<string> unmatched = positional.Take(Math.Max(0, positional.Length - afterDashDash)).Concat(parsed.UnmatchedTokens);
        if (unmatched.FirstOrDefault(t => t.Length > 1 && t.StartsWith('-')) is { } unknown)
        {
            string name = unknown.Split('=', 2)[0];
            Option[] options = [.. verb.Command.Options, .. cli.Inherited];
            // A one-letter option is one edit from every other: no suggestion for those.
            string suggestion = name.Length > 2 ? Suggestions.DidYouMean(name, Suggestions.OptionNames(name, options)) : "";
            return $"Option '{CliOption.Bare(name)}' is unknown." + suggestion;
        }
        if (parsed.UnmatchedTokens.FirstOrDefault() is { } stray)
            return $"unexpected argument '{stray}' (options start with '-').";

        foreach (Option option in verb.Command.Options)
            if (parsed.GetResult(option) is { Implicit: false, IdentifierTokenCount: > 1 })
                return CliOption.GivenTwice(option);

        return parsed.Errors.Count == 0
            ? null
            : string.Join(' ', parsed.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    static int Dispatch(object options, CommandContext context)
    {
        try
        {
            return options switch
            {
                GenerateOptions generate => new GenerateCommand(context).Run(generate),
                LatentsOptions latents => new LatentsCommand(context).Run(latents),
                RenderOptions render => new RenderCommand(context).Run(render),
                InfoOptions info => new InfoCommand(context).Run(info),
                BenchOptions bench => new BenchCommand(context).Run(bench),
#if KALEIDO_SERVE
                ServeOptions serve => new ServeCommand(context).Run(serve),
#endif
                MergeOptions merge => new MergeCommand(context).Run(merge),
                _ => throw new InvalidOperationException($"No command for verb options {options.GetType().Name}."),
            };
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, context);
        }
    }
}
