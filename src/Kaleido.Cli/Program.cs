using CommandLine;
using Kaleido.Cli.Commands;
using Kaleido.Runtime.Native;

namespace Kaleido.Cli;

/// <summary>
/// Entry point of the <c>kaleido</c> tool: parses the verb, hands off to its command, and sends
/// every failure through <see cref="ErrorReporter"/>.
/// </summary>
public static class Program
{
    /// <summary>Every verb, in the order help lists them.</summary>
    // "help" and "version" (also --help, --version) are built into the parser.
    static readonly Type[] Verbs = [typeof(GenerateOptions), typeof(LatentsOptions), typeof(RenderOptions), typeof(InfoOptions), typeof(BenchOptions)];

    public static int Main(string[] args)
    {
        // Before anything can load ONNX Runtime or GenAI: they read the variable once, at load.
        NativeEnvironment.DisableTelemetry();
        return Run(args, CommandContext.FromProcess());
    }

    /// <summary>Runs the tool against <paramref name="context"/>'s writers and folder; returns the exit code.</summary>
    public static int Run(string[] args, CommandContext context)
    {
        Type? verb = OptionValueCheck.VerbNamed(args, Verbs);
        if (OptionValueCheck.FindMissingValue(args, verb) is { } missing)
            return Usage.ReportArgumentError(missing, verb, context);

        // No HelpWriter: help goes to stdout and errors to stderr, both written by Usage.
        using var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.CaseInsensitiveEnumValues = true;
            settings.EnableDashDash = true;
        });
        ParserResult<object> result = parser.ParseArguments(args, Verbs);
        return result.MapResult(
            options => options is VerbOptions { UnexpectedArguments: var extra } && extra.Any()
                ? Usage.ReportArgumentError($"unexpected argument '{extra.First()}' (options start with '-').", options.GetType(), context)
                : Dispatch(options, context),
            errors => Usage.HandleParseErrors(result, errors, Verbs, context));
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
                _ => throw new InvalidOperationException($"No command for verb options {options.GetType().Name}."),
            };
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, context);
        }
    }
}
