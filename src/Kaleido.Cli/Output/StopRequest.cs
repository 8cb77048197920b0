using System.Runtime.InteropServices;

namespace Kaleido.Cli.Output;

/// <summary>
/// SIGTERM (what a scheduler or <c>kill</c> sends) during a run: instead of dying mid-file, the run abandons the file
/// it is making at the next check (nothing of it is on disk: files are renamed into place whole) and exits 75, so
/// the same command later resumes where it stopped. A file already being renamed and listed is finished first.
/// </summary>
sealed class StopRequest : IDisposable
{
    readonly CancellationTokenSource _stop;
    readonly PosixSignalRegistration? _signal;

    /// <param name="external">Also stops the run (tests; <see cref="CommandContext.StopRequested"/>).</param>
    StopRequest(CancellationToken external)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(external);
        try
        {
            _signal = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true; // keep the process alive until the current file is finished or abandoned
                _stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            _signal = null; // no SIGTERM here: the run simply cannot be asked to stop this way
        }
    }

    public static StopRequest Listen(CommandContext context) => new(context.StopRequested);

    public bool IsRequested => _stop.IsCancellationRequested;

    /// <summary>Stops the run (exit 75) if asked to, naming <paramref name="file"/>, which is abandoned.</summary>
    /// <exception cref="TransientFailureException">SIGTERM arrived.</exception>
    public void ThrowIfRequested(string file)
    {
        if (IsRequested)
            throw new TransientFailureException(
                $"Stopped by SIGTERM: '{file}' was abandoned and nothing of it written. Run the same command again to resume: " +
                $"the files already finished are listed in {OutputManifest.FileName} and skipped.");
    }

    public void Dispose()
    {
        _signal?.Dispose();
        _stop.Dispose();
    }
}
