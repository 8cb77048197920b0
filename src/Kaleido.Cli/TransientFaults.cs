using Kaleido.Cli.Output;

namespace Kaleido.Cli;

/// <summary>
/// Which failures may pass if the same command is run again later (exit <see cref="ExitCodes.TransientFailure"/>):
/// the run's own <see cref="TransientFailureException"/> (disk full, SIGTERM), a full disk met anywhere else, and the
/// device running out of memory inside ONNX Runtime or GenAI (another process may be holding it).
/// </summary>
static class TransientFaults
{
    /// <summary>What native libraries say when an allocation on the device (or host) fails.</summary>
    static readonly string[] OutOfMemoryPhrases =
    [
        "out of memory", "failed to allocate memory", "cudaErrorMemoryAllocation", "CUBLAS_STATUS_ALLOC_FAILED", "CUDNN_STATUS_ALLOC_FAILED",
    ];

    /// <summary>The message to print when <paramref name="exception"/> is transient; null otherwise.</summary>
    public static string? Describe(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is TransientFailureException) return e.Message;
            if (OutputFaults.IsDiskFull(e))
                return $"The disk is full ({e.Message}). Free some space and run the same command again: the files already finished are skipped.";
            if (IsDeviceOutOfMemory(e))
                return $"The device ran out of memory ({e.Message}). Run the same command again when memory is free (or with fewer " +
                       "threads or a smaller model): the files already finished are skipped.";
        }
        return null;
    }

    /// <summary>An exception of ONNX Runtime or GenAI (matched by namespace: the CLI does not reference them) about memory.</summary>
    static bool IsDeviceOutOfMemory(Exception e) =>
        e.GetType().Namespace?.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal) == true
        && OutOfMemoryPhrases.Any(p => e.Message.Contains(p, StringComparison.OrdinalIgnoreCase));
}
