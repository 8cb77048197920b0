using System.CommandLine;
using System.CommandLine.Help;
using Kaleido.Cli.Commands;

namespace Kaleido.Cli.CommandLine;

/// <summary>
/// The whole command line of <c>kaleido</c>: the verbs (in the order help lists them), <c>help [VERB]</c> and
/// <c>version</c>, and the <c>-h</c>/<c>--help</c> and <c>--version</c> options every verb takes. A fresh instance
/// per parse, so parses never share state.
/// </summary>
sealed class KaleidoCommand
{
    public const string Name = "kaleido";

    public KaleidoCommand()
    {
        Verbs = [GenerateOptions.CreateVerb(), LatentsOptions.CreateVerb(), RenderOptions.CreateVerb(),
            InfoOptions.CreateVerb(), BenchOptions.CreateVerb(),
#if KALEIDO_SERVE
            ServeOptions.CreateVerb(),
#endif
            MergeOptions.CreateVerb()];
        HelpVerbArguments = new Argument<string[]>("VERB") { Arity = ArgumentArity.ZeroOrMore, Description = "The verb to describe." };
        HelpVerb = new Command("help", "Display more information on a specific command.") { HelpVerbArguments };
        VersionVerb = new Command("version", "Display version information.");
        Help = new HelpOption { Description = "Display this help screen.", Recursive = true };
        Version = new Option<bool>("--version") { Description = "Display version information.", Recursive = true };

        Root = new Command(Name, "Kaleido diffusion runtime: images from text through a latent prior.") { Help, Version };
        foreach (Verb verb in Verbs)
            Root.Add(verb.Command);
        Root.Add(HelpVerb);
        Root.Add(VersionVerb);
    }

    /// <summary>The command the parse starts from; its subcommands are the verbs.</summary>
    public Command Root { get; }

    /// <summary>The verbs that do work, in the order help lists them.</summary>
    public IReadOnlyList<Verb> Verbs { get; }

    /// <summary><c>help [VERB]</c>: the same page as <c>--help</c> (<c>VERB --help</c>).</summary>
    public Command HelpVerb { get; }

    public Argument<string[]> HelpVerbArguments { get; }

    /// <summary><c>version</c>: the same as <c>--version</c>.</summary>
    public Command VersionVerb { get; }

    public HelpOption Help { get; }

    public Option<bool> Version { get; }

    /// <summary>Every verb name, <c>help</c> and <c>version</c> last.</summary>
    public IEnumerable<string> VerbNames => Root.Subcommands.Select(c => c.Name);

    /// <summary>The options every verb takes besides its own.</summary>
    public IEnumerable<Option> Inherited => [Help, Version];

    /// <summary>The verb named <paramref name="name"/>, or null.</summary>
    public Verb? VerbNamed(string? name) => Verbs.FirstOrDefault(v => v.Name == name);
}
