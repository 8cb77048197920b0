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
    public static OutputFolder OpenOutput(CommandContext context, ModelOptions options)
    {
        string given = options.Out ?? ModelOptions.DefaultOutputFolder;
        return OutputFolder.Open(context.Resolve(given), given, options.Overwrite, context.FileSystem);
    }

    /// <summary>Verifies the package named by --model; <see cref="KaleidoPipeline.Open"/> then opens its sessions (the slow part).</summary>
    public static ModelPackage LoadPackage(CommandContext context, ModelOptions options) => PackageFolder.Load(context, options.Model);

    /// <summary>Where a record came from, for messages: the PROMPT argument, or its prompt file and line.</summary>
    public static string Where(PromptRecord record) => record.Source == CommandLineSource ? "PROMPT" : record.Location;

    /// <summary>What <see cref="PromptRecord.FromCommandLine"/> names its source.</summary>
    static readonly string CommandLineSource = PromptRecord.FromCommandLine("x").Source;

    /// <summary>Runs <paramref name="work"/>, naming the prompt when it is too long for the model.</summary>
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
