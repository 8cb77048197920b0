using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary><c>kaleido merge OUT [OUT…]</c>: the folders the shards of one run wrote, and where the merge goes.</summary>
public sealed class MergeOptions : OutputOptions
{
    public const string VerbName = "merge";

    /// <summary>The folders to read, as given; every positional argument is one.</summary>
    public IReadOnlyList<string> Folders => [.. Arguments];

    /// <summary>--out: where the merged manifest, contact sheets and index.html go; null for the first folder.</summary>
    public string? Out { get; init; }

    public override IEnumerable<string> UnexpectedArguments => [];

    /// <summary>The <c>merge</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<MergeOptions> CreateVerb()
    {
        var arguments = CliOption.Positional("OUT",
            "A folder the shards wrote into (one shared folder, or several); every kaleido-manifest.shard-I-of-N.jsonl in it is read.");
        var output = CliOption.Text("--out", 'o', "DIR",
            "Where the merged kaleido-manifest.jsonl, contact sheets and index.html go, with a copy of every file from the other folders. " +
            "Default: the first OUT.");
        var spelling = new Spelling();

        var command = new System.CommandLine.Command(VerbName,
            "Check the shards of a run (every shard and unit there once, every file with its recorded SHA-256) and, when complete, " +
            "write one kaleido-manifest.jsonl in plan order, the contact sheets and a static index.html. Exit 1 naming each problem otherwise.")
        {
            arguments, output,
        };
        spelling.AddTo(command);
        return new Verb<MergeOptions>(command, arguments, result => spelling.Bind(result, new MergeOptions
        {
            Out = result.GetValue(output),
        }));
    }
}
