using System.Runtime.InteropServices;

namespace Kaleido.Cli.Output;

/// <summary>
/// SIGTERM (what a scheduler or <c>kill</c> sends) or Ctrl-C (SIGINT) during a run: instead of dying mid-file, the run
/// abandons the file it is making at the next check (nothing of it is on disk: files are renamed into place whole) and
/// exits 75, saying how far it got and the command that resumes it. A file already being renamed and listed is
/// finished first. A second Ctrl-C ends the process at once, as users expect of a program that seems stuck.
/// </summary>
sealed class StopRequest : IDisposable
{
    readonly CancellationTokenSource _stop;
    readonly PosixSignalRegistration?[] _signals;
    readonly string _resumeCommand;
    string _signalName = "SIGTERM"; // a test's stop request stands for SIGTERM

    /// <param name="external">Also stops the run (tests; <see cref="CommandContext.StopRequested"/>).</param>
    StopRequest(CancellationToken external, string resumeCommand)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(external);
        _resumeCommand = resumeCommand;
        _signals = [Register(PosixSignal.SIGTERM, "SIGTERM"), Register(PosixSignal.SIGINT, "Ctrl-C (SIGINT)")];
    }

    PosixSignalRegistration? Register(PosixSignal signal, string name)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                if (_stop.IsCancellationRequested && signal == PosixSignal.SIGINT)
                    return; // the second Ctrl-C: let the process end now
                context.Cancel = true; // keep the process alive until the current file is finished or abandoned
                _signalName = name;
                _stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null; // no such signal here: the run simply cannot be asked to stop this way
        }
    }

    /// <param name="resumeCommand">The command line that resumes the run (<see cref="ResumeCommand"/>).</param>
    public static StopRequest Listen(CommandContext context, string resumeCommand) => new(context.StopRequested, resumeCommand);

    public bool IsRequested => _stop.IsCancellationRequested;

    /// <summary>
    /// Stops the run (exit 75) if asked to, naming <paramref name="file"/>, which is abandoned, and how many of the run's
    /// <paramref name="total"/> files were done before it.
    /// </summary>
    /// <exception cref="TransientFailureException">SIGTERM or Ctrl-C arrived.</exception>
    public void ThrowIfRequested(string file, int done, int total)
    {
        if (IsRequested)
            throw new TransientFailureException(
                $"Stopped by {_signalName} after {done} of {total} image(s): '{file}' was abandoned and nothing of it written. " +
                $"Resume with: {_resumeCommand} (the files already finished are listed in {OutputManifest.FileName} and skipped).");
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration? signal in _signals)
            signal?.Dispose();
        _stop.Dispose();
    }
}
