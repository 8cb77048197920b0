using System.Runtime.InteropServices;

namespace Kaleido.Runtime.Native;

/// <summary>
/// Settings the native libraries (ONNX Runtime, GenAI) read from the process environment.
/// On Linux, <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's
/// copy of the environment, which native code never sees, so these go through libc's setenv.
/// </summary>
public static partial class NativeEnvironment
{
    /// <summary>The variable that stops ONNX Runtime's and GenAI's telemetry.</summary>
    public const string TelemetryVariable = "ORT_DISABLE_TELEMETRY";

    /// <summary>
    /// Turns native telemetry off unless the user asked for it. Call before the first native call;
    /// later calls are harmless.
    /// </summary>
    public static void DisableTelemetry()
    {
        if (Environment.GetEnvironmentVariable(TelemetryVariable) is not null)
            return; // the user's explicit choice wins
        Set(TelemetryVariable, "1");
    }

    /// <summary>Sets a variable in the environment native code reads.</summary>
    public static void Set(string name, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            Environment.SetEnvironmentVariable(name, value); // one environment block on Windows
            return;
        }
        if (setenv(name, value, overwrite: 1) != 0)
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        Environment.SetEnvironmentVariable(name, value); // keep .NET's view in step
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);
}
