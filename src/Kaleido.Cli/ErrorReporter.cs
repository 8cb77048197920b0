using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Sessions;

namespace Kaleido.Cli;

/// <summary>
/// The single error path of the tool: a user's mistake becomes "kaleido: error: &lt;message&gt;" on
/// stderr and its documented exit code, with no stack trace; anything else is our bug, reported
/// briefly (with the trace under KALEIDO_DEBUG=1) with exit code 70. A fault that may pass (<see cref="TransientFaults"/>)
/// is neither: one line like a user error, and exit code 75.
/// </summary>
static class ErrorReporter
{
    public const string Prefix = "kaleido: error: ";

    public static int Report(Exception exception, CommandContext context)
    {
        if (exception is UserInputException userError)
        {
            context.Error.WriteLine(Prefix + userError.Describe(Requests.SettingNames.OptionOfKey));
            return ExitCodeOf(userError);
        }
        if (TransientFaults.Describe(exception) is { } transient)
        {
            context.Error.WriteLine(Prefix + transient);
            return ExitCodes.TransientFailure;
        }

        context.Error.WriteLine(
            $"kaleido: internal error: {exception.GetType().Name}: {exception.Message}");
        if (context.Debug)
            context.Error.WriteLine(exception.ToString());
        else
            context.Error.WriteLine(
                $"This is a bug in kaleido. Set {CommandContext.DebugVariable}=1 to print the stack trace, and include it in a report.");
        return ExitCodes.InternalError;
    }

    /// <summary>The exit code of a user error; more specific exception types come first.</summary>
    static int ExitCodeOf(UserInputException exception) => exception switch
    {
        PackageException => ExitCodes.BadPackage,
        LatentSamplingException => ExitCodes.InvalidLatents,
        DeviceUnavailableException => ExitCodes.DeviceUnavailable,
        OutputFolderException => ExitCodes.OutputNotWritable,
        OutputConflictException => ExitCodes.OutputConflict,
        IncompleteMergeException => ExitCodes.IncompleteMerge,
        _ => ExitCodes.BadInput,
    };
}
