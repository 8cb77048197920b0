using System.CommandLine;
using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>Load-time options of the verbs that run the model: which package, on which device, with how many threads.</summary>
public abstract class ModelOptions : OutputOptions
{
    /// <summary>Where the tool looks when no --model is given, relative to the current folder.</summary>
    public const string DefaultModelFolder = "models/kaleido-shapes";

    /// <summary>Where results go when no --out is given, relative to the current folder.</summary>
    public const string DefaultOutputFolder = "out";

    public string? Model { get; private set; }

    public string? Device { get; private set; }

    public int? Threads { get; private set; }

    public string? Out { get; private set; }

    /// <summary>--overwrite: replace output files that conflict with this run instead of exiting 7 (docs/cli.md).</summary>
    public bool Overwrite { get; private set; }

    /// <summary>--no-repair: a listed output file whose bytes changed is an error (exit 6), not made again (docs/cli.md).</summary>
    public bool NoRepair { get; private set; }

    /// <summary>The --model option of every verb that reads a package.</summary>
    internal static Option<string?> ModelOption() => CliOption.Text("--model", 'm', "DIR",
        "Model package folder (holding kaleido.json). Default: $KALEIDO_MODEL, else " + DefaultModelFolder + " under the current folder, else under the binary's.");

    /// <summary>The --device option of every verb that loads the model.</summary>
    internal static Option<string?> DeviceOption() => CliOption.Text("--device", null, "cpu|cuda",
        "Where ONNX Runtime runs the graphs. Default: cpu. cuda never falls back to cpu.");

    /// <summary>The --threads option of every verb that loads the model.</summary>
    internal static Option<int?> ThreadsOption() => CliOption.Int("--threads", null, "N",
        "Threads inside one operator. Default: 0 (one per idle CPU when the model loads; one thread on a busy machine).");

    /// <summary>The options as spelled on the command line; a fresh set per verb.</summary>
    internal new sealed class Spelling
    {
        public Option<string?> Model { get; } = ModelOption();

        public Option<string?> Device { get; } = DeviceOption();

        public Option<int?> Threads { get; } = ThreadsOption();

        public Option<string?> Out { get; } = CliOption.Text("--out", 'o', "DIR",
            "Output folder, made when its first file is written. Default: " + DefaultOutputFolder + " under the current folder.");

        public Option<bool> Overwrite { get; } = CliOption.Flag("--overwrite", null,
            "Replace output files made with other settings or unknown to the folder's kaleido-manifest.jsonl (else exit 7). Files with the same settings are skipped either way.");

        public Option<bool> NoRepair { get; } = CliOption.Flag("--no-repair", null,
            "A listed output file whose bytes changed since it was written stops the run (exit 6) instead of being made again (the changed file is kept aside either way).");

        public OutputOptions.Spelling Output { get; } = new();

        public void AddTo(Command command)
        {
            command.Add(Model);
            command.Add(Device);
            command.Add(Threads);
            command.Add(Out);
            command.Add(Overwrite);
            command.Add(NoRepair);
            Output.AddTo(command);
        }

        /// <summary>Sets these options' values on <paramref name="options"/>, which the verb's binder made.</summary>
        public TOptions Bind<TOptions>(ParseResult result, TOptions options) where TOptions : ModelOptions
        {
            ModelOptions target = options;
            target.Model = result.GetValue(Model);
            target.Device = result.GetValue(Device);
            target.Threads = result.GetValue(Threads);
            target.Out = result.GetValue(Out);
            target.Overwrite = result.GetValue(Overwrite);
            target.NoRepair = result.GetValue(NoRepair);
            return Output.Bind(result, options);
        }
    }
}
