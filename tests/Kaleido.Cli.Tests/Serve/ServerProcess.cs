using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Kaleido.Cli.Tests.Serve;

/// <summary>
/// A real <c>kaleido serve</c> child process on a free loopback port, serving the shipped model: started, waited for
/// until ready, and stopped with SIGTERM (as systemd does) on dispose. Its stderr log is kept for failure messages.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    readonly Process _process;
    readonly List<string> _log = [];
    readonly List<Task> _readers = [];

    ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>kaleido serve --port 0 ARGS</c> and waits for its "ready" line.</summary>
    public static ServerProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "kaleido.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Fixtures.RepoRoot,
        };
        foreach (string a in (string[])["exec", dll, "serve", "--port", "0", "--model", Fixtures.ShippedKaleido, .. args])
            info.ArgumentList.Add(a);
        info.Environment.Remove("KALEIDO_TOKEN");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        var process = Process.Start(info)!;
        var lines = new List<string>();
        Uri? address = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            string? line = process.StandardOutput.ReadLine();
            if (line is null) break;
            lines.Add(line);
            if (Listening().Match(line) is { Success: true } m) address = new Uri(m.Groups[1].Value);
            if (line.Contains(" ready (", StringComparison.Ordinal) && address is not null)
            {
                var server = new ServerProcess(process, address);
                server.Drain(process);
                return server;
            }
        }
        string error = process.HasExited ? process.StandardError.ReadToEnd() : "";
        try { process.Kill(); } catch (InvalidOperationException) { }
        throw new InvalidOperationException($"kaleido serve did not become ready. stdout: {string.Join(" / ", lines)} stderr: {error}");
    }

    /// <summary>Keeps reading both streams (stdout was read line by line until ready), so the server never blocks on a full pipe.</summary>
    void Drain(Process process)
    {
        foreach (StreamReader stream in new[] { process.StandardOutput, process.StandardError })
            _readers.Add(Task.Run(() =>
            {
                while (stream.ReadLine() is { } line)
                    lock (_log) _log.Add(line);
            }));
    }

    public string Log { get { lock (_log) return string.Join("\n", _log); } }

    /// <summary>Sends SIGTERM, as systemd and Kubernetes stop a service.</summary>
    public void Terminate() => Assert.Equal(0, Kill(_process.Id, SigTerm));

    /// <summary>Waits for the process to exit; its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        Assert.True(_process.WaitForExit(timeout), $"kaleido serve did not exit within {timeout.TotalSeconds} s. Log:\n{Log}");
        Task.WaitAll([.. _readers], TimeSpan.FromSeconds(10)); // the last lines
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            Kill(_process.Id, SigTerm);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(40)))
                _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex Listening();
}
