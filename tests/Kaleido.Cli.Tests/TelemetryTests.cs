using System.Diagnostics;

namespace Kaleido.Cli.Tests;

/// <summary>
/// Native telemetry is off by default. ONNX Runtime and GenAI read ORT_DISABLE_TELEMETRY when they load, so
/// only a fresh process shows whether Main turned it off in time: the tool runs as a child with its own HOME,
/// where telemetry would leave ~/.cache/Microsoft/DeveloperTools. The child's environment is built from scratch:
/// ONNX Runtime prefers XDG_CACHE_HOME over HOME, and it records nothing when it sees a CI marker (CI,
/// GITHUB_ACTIONS, JENKINS_URL, ... — listed in libonnxruntime.so), so an inherited environment would make the
/// control below pass or fail by where the tests run rather than by what the tool does.
/// </summary>
public sealed class TelemetryTests
{
    static readonly string TelemetryFolder = Path.Combine(".cache", "Microsoft", "DeveloperTools");

    static (int ExitCode, string Error) RunChild(string home, string? telemetryVariable)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "kaleido.dll"), "generate", "a red circle",
                     "--model", Fixtures.TinyKaleido, "--steps", "2", "-q" })
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (string name in new[] { "PATH", "DOTNET_ROOT", "DOTNET_ROOT_X64" })
            if (Environment.GetEnvironmentVariable(name) is { } value)
                start.Environment[name] = value;
        start.Environment["HOME"] = home;
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        if (telemetryVariable is not null)
            start.Environment["ORT_DISABLE_TELEMETRY"] = telemetryVariable;
        using Process child = Process.Start(start)!;
        Task<string> output = child.StandardOutput.ReadToEndAsync();
        string error = child.StandardError.ReadToEnd();
        output.Wait();
        child.WaitForExit();
        return (child.ExitCode, error);
    }

    [Fact]
    public void A_run_leaves_no_telemetry_folder_in_home()
    {
        using var home = new TempFolder();
        var (code, error) = RunChild(home.Path, telemetryVariable: null);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.True(File.Exists(home["out/line-1-0000.png"]));
        Assert.False(Directory.Exists(home[TelemetryFolder]));
    }

    [Fact]
    public void The_users_explicit_choice_wins_which_shows_the_check_above_can_fail()
    {
        using var home = new TempFolder();
        var (code, error) = RunChild(home.Path, telemetryVariable: "0");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.True(Directory.Exists(home[TelemetryFolder]));
    }
}
