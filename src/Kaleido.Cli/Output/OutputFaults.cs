namespace Kaleido.Cli.Output;

/// <summary>
/// Sorts a failed write into transient (a full disk: exit 75, run again later) and permanent (read-only folder,
/// something in the way: exit 6), so a script or scheduler knows whether retrying can help.
/// </summary>
static class OutputFaults
{
    // .NET on Unix puts the raw errno in IOException.HResult for errors it has no special type for.
    const int LinuxNoSpace = 28;      // ENOSPC
    const int LinuxQuotaExceeded = 122; // EDQUOT
    // Windows: HRESULT_FROM_WIN32(ERROR_HANDLE_DISK_FULL) and (ERROR_DISK_FULL).
    const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    const int WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>True when <paramref name="exception"/> says the disk (or the user's quota) is full.</summary>
    public static bool IsDiskFull(Exception exception) =>
        exception is IOException { HResult: LinuxNoSpace or LinuxQuotaExceeded or WindowsHandleDiskFull or WindowsDiskFull };

    /// <summary>Whether <paramref name="exception"/> is a failure of the file system rather than of our code.</summary>
    public static bool IsFileSystemFault(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or NotSupportedException;

    /// <summary>
    /// Runs <paramref name="write"/>, turning a file-system failure into the exception of its exit code, naming
    /// <paramref name="path"/>.
    /// </summary>
    public static void Guard(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (IsFileSystemFault(e))
        {
            throw Classify(e, path);
        }
    }

    /// <summary>The exception to report for <paramref name="exception"/> while writing <paramref name="path"/>.</summary>
    public static Exception Classify(Exception exception, string path) => IsDiskFull(exception)
        ? new TransientFailureException(
            $"The disk is full: cannot write '{path}' ({exception.Message}). Free some space and run the same command again: " +
            "the files already finished are skipped.", exception)
        : new OutputFolderException($"Cannot write '{path}': {exception.Message}", exception);
}
