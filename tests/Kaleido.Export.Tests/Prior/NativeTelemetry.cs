using System.Runtime.InteropServices;

namespace Kaleido.Export.Tests.Prior;

/// <summary>
/// Turns off ONNX Runtime / GenAI telemetry for this process. Environment.SetEnvironmentVariable changes only
/// .NET's copy of the environment on Linux, so the variable is set through libc for native code to see.
/// </summary>
internal static partial class NativeTelemetry
{
    public static void Disable()
    {
        if (setenv("ORT_DISABLE_TELEMETRY", "1", 1) != 0)
            throw new InvalidOperationException("setenv(ORT_DISABLE_TELEMETRY) failed.");
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
