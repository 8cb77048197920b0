using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Text;

namespace Kaleido.Cli.Commands;

/// <summary>The steps every model-running verb shares: load-time settings, the output folder, opening the pipeline.</summary>
static class ModelRun
{
    /// <summary>--device and --threads as the sessions take them, validated before anything loads.</summary>
    public static SessionSettings SessionSettingsOf(ModelOptions options) => SessionSettingsOf(options.Device, options.Threads);

    /// <summary>--device and --threads as given (null: not given), validated.</summary>
    public static SessionSettings SessionSettingsOf(string? device, int? threads)
    {
        var settings = new SessionSettings
        {
            Device = device is null ? ExecutionDevice.Cpu : ExecutionDeviceNames.Parse(device),
            IntraOpThreads = threads ?? 0,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>The --out folder, checked writable but not made yet, with its manifest read.</summary>
    public static OutputFolder OpenOutput(CommandContext context, ModelOptions options, ShardSpec? shard = null)
    {
        string given = options.Out ?? ModelOptions.DefaultOutputFolder;
        string folder = context.Resolve(given);
        if (shard is not null)
            RefuseOtherSplits(folder, shard);
        return OutputFolder.Open(folder, given, options.Overwrite, context.FileSystem,
            shard?.ManifestFileName ?? OutputManifest.FileName, repair: !options.NoRepair, notices: options.Quiet ? null : context.Error);
    }

    /// <summary>
    /// Shards of one run share a folder only if they split it the same way: with another count, unit k belongs to
    /// another shard, and files would be made twice or never. The count is in each shard manifest's name.
    /// </summary>
    static void RefuseOtherSplits(string folder, ShardSpec shard)
    {
        if (!Directory.Exists(folder))
            return;
        string? other = Directory.EnumerateFiles(folder, "kaleido-manifest.shard-*-of-*.jsonl")
            .Select(Path.GetFileName)
            .FirstOrDefault(name => !name!.EndsWith($"-of-{shard.Count}.jsonl", StringComparison.Ordinal));
        if (other is not null)
            throw new OutputConflictException(
                $"'{folder}' holds '{other}', a shard of a run split another way; this run is {shard} (from {shard.CountSource}). " +
                "Use the same shard count, or another --out folder.");
    }

    /// <summary>Verifies the package named by --model; <see cref="KaleidoPipeline.Open"/> then opens its sessions (the slow part).</summary>
    public static ModelPackage LoadPackage(CommandContext context, ModelOptions options) => PackageFolder.Load(context, options.Model);

    /// <summary>
    /// Prints the base seed <c>--seed random</c> drew, before any work, so it is known even if the run then fails; it
    /// is recorded in every file too (JSON output carries it in each object, --quiet prints nothing).
    /// </summary>
    public static void ReportDrawnSeed(CommandContext context, PromptOptions options, ulong baseSeed)
    {
        if (options.Seed is { IsRandom: true } && !options.Json && !options.Quiet)
            context.Out.WriteLine($"Seed {baseSeed} (drawn by --seed {SeedChoice.RandomWord}; --seed {baseSeed} makes the same files again)");
    }

    /// <summary>Where a record came from, for messages: the PROMPT argument, or its prompt file and line.</summary>
    public static string Where(PromptRecord record) => record.Source == CommandLineSource ? "PROMPT" : record.Location;

    /// <summary>What <see cref="PromptRecord.FromCommandLine"/> names its source.</summary>
    static readonly string CommandLineSource = PromptRecord.FromCommandLine("x").Source;

    /// <summary>Runs <paramref name="work"/>, naming the prompt when it is too long for the model.</summary>
    /// <summary>Every record's caption checked before the first image (<see cref="KaleidoPipeline.CheckCaption"/>).</summary>
    public static void CheckCaptions(KaleidoPipeline pipeline, IEnumerable<PlannedRecord> plan)
    {
        foreach (PlannedRecord record in plan)
            ForPrompt(Where(record.Record), () =>
            {
                pipeline.CheckCaption(record.Prompt, record.Settings.TruncateCaption);
                return 0;
            });
    }

    public static T ForPrompt<T>(string where, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (CaptionTooLongException e)
        {
            throw new UserInputException($"{where}: {e.Message} Pass --truncate to cut it to the limit.", e);
        }
    }
}
