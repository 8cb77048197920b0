using System.Diagnostics;

namespace Kaleido.Build.Tests;

/// <summary>Runs a child process to its end and returns its exit code and both streams.</summary>
static class ChildProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>Generous bound for a cold build with restore; only there so a hung child cannot hang CI.</summary>
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    public static Result Run(string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        // The test host inherits MSBuild's variables from `dotnet test`; a child build must start clean.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran past {Limit}.");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>`dotnet build PROJECT -c Release -p:KaleidoFlavour=FLAVOUR -o OUTPUT`; fails with the build's log.</summary>
    public static void Build(string project, string flavour, string output)
    {
        Result result = Run("dotnet",
            ["build", project, "-c", "Release", $"-p:KaleidoFlavour={flavour}", "-o", output, "-nodeReuse:false"],
            RepositoryPaths.Root);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(
                $"dotnet build {project} ({flavour}) exited with {result.ExitCode}:\n{result.Out}\n{result.Error}");
    }
}
