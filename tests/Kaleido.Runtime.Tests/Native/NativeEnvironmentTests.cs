using System.Runtime.InteropServices;
using Kaleido.Runtime.Native;

namespace Kaleido.Runtime.Tests.Native;

public sealed partial class NativeEnvironmentTests
{
    [Fact]
    public void Set_is_visible_to_native_getenv()
    {
        string name = $"KALEIDO_TEST_{Guid.NewGuid():N}";
        Assert.Equal(IntPtr.Zero, getenv(name));

        NativeEnvironment.Set(name, "héllo");

        Assert.Equal("héllo", Marshal.PtrToStringUTF8(getenv(name)));
        Assert.Equal("héllo", Environment.GetEnvironmentVariable(name));
    }

    [Fact]
    public void Disable_telemetry_sets_the_native_variable()
    {
        NativeEnvironment.DisableTelemetry();
        Assert.NotEqual(IntPtr.Zero, getenv(NativeEnvironment.TelemetryVariable));
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
