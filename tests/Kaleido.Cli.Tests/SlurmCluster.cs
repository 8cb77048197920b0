using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Kaleido.Cli.Tests;

/// <summary>
/// A private single-node Slurm for the tests, started for real from Debian's slurm-wlm and munge (build/prereqs.sh):
/// a munge key and <c>munged</c> on a socket of its own, a slurm.conf with free ports and every state, spool, pid and
/// log path in a temp folder, then <c>slurmctld -D</c> and <c>slurmd -D</c> as child processes, waited for until
/// <c>sinfo</c> shows the node idle. Nothing of the machine's own Slurm or munge (if any) is used or touched; the
/// client commands find this cluster through <c>SLURM_CONF</c>. Dispose cancels every job and ends the daemons.
/// </summary>
/// <remarks>
/// When a piece cannot run here, the constructor throws with the daemons' logs, so the tests fail loudly instead of
/// skipping. Runs as root in CI (SlurmUser=root), as the jobs must run as the submitting user on this node.
/// </remarks>
[UnsupportedOSPlatform("windows")]
public sealed partial class SlurmCluster : IDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    readonly List<(string Name, Process Process)> _daemons = [];

    public string Root { get; }
    public string ConfigFile => Path.Combine(Root, "slurm.conf");
    /// <summary>The node's name as slurmd finds it (<c>slurmd -C</c>: the short host name).</summary>
    public string NodeName { get; private set; } = "";

    public SlurmCluster()
    {
        Root = Directory.CreateTempSubdirectory("kaleido-slurm-").FullName; // 0700: munged accepts it for its socket
        try
        {
            foreach (string tool in (string[])["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch"])
                if (!File.Exists(tool))
                    throw new InvalidOperationException($"{tool} is missing: the Slurm tests need slurm-wlm and munge (bash build/prereqs.sh).");
            if (GetEffectiveUserId() != 0)
                throw new InvalidOperationException("The Slurm tests run as root (as CI does): slurmd must start each job as its user.");
            foreach (string dir in (string[])["state", "spool", "log", "work"])
                Directory.CreateDirectory(Path.Combine(Root, dir));
            StartMunge();
            WriteConfig();
            Start("slurmctld", "/usr/sbin/slurmctld", "-D", "-f", ConfigFile);
            Start("slurmd", "/usr/sbin/slurmd", "-D", "-f", ConfigFile);
            WaitForIdleNode();
        }
        catch
        {
            Stop();
            throw;
        }
    }

    string MungeSocket => Path.Combine(Root, "munge.socket");

    void StartMunge()
    {
        string key = Path.Combine(Root, "munge.key");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead); // 0400, as munged demands
        Start("munged", "/usr/sbin/munged", "--foreground", "--force", $"--socket={MungeSocket}", $"--key-file={key}",
            $"--pid-file={Root}/munged.pid", $"--log-file={Root}/log/munged.log", $"--seed-file={Root}/munged.seed");
        WaitUntil(() => File.Exists(MungeSocket), TimeSpan.FromSeconds(15), "munged did not create its socket");
    }

    void WriteConfig()
    {
        int controllerPort = FreePort(), nodePort = FreePort();
        while (nodePort == controllerPort) nodePort = FreePort();
        // CPUs as slurmd finds them (a node configured with more is drained); memory kept small so it always fits.
        var probe = Run("/usr/sbin/slurmd", "-C");
        var cpus = Regex.Match(probe.Out, @"\bCPUs=(\d+)");
        var node = Regex.Match(probe.Out, @"^NodeName=(\S+)", RegexOptions.Multiline);
        if (!cpus.Success || !node.Success)
            throw new InvalidOperationException($"slurmd -C exited {probe.ExitCode} without its NodeName= and CPUs=: {probe.Out} {probe.Error}");
        NodeName = node.Groups[1].Value;
        File.WriteAllText(ConfigFile, $"""
            ClusterName=kaleidotest
            SlurmctldHost={NodeName}(127.0.0.1)
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            # cred_expire is also how long a requeued job waits before it may start again (120 s by default).
            AuthInfo=socket={MungeSocket},cred_expire=5
            StateSaveLocation={Root}/state
            SlurmdSpoolDir={Root}/spool
            SlurmctldPidFile={Root}/slurmctld.pid
            SlurmdPidFile={Root}/slurmd.pid
            SlurmctldLogFile={Root}/log/slurmctld.log
            SlurmdLogFile={Root}/log/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            SchedulerType=sched/builtin
            SchedulerParameters=sched_interval=2
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            MpiDefault=none
            ReturnToService=2
            MinJobAge=600
            KillWait=10
            NodeName={NodeName} NodeAddr=127.0.0.1 CPUs={cpus.Groups[1].Value} RealMemory=500 State=UNKNOWN
            PartitionName=debug Default=YES Nodes=ALL MaxTime=INFINITE State=UP

            """);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a daemon in the foreground with its stdout and stderr in log/NAME.out (exec keeps the pid).</summary>
    void Start(string name, string program, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/bash") { UseShellExecute = false, WorkingDirectory = Root };
        foreach (string a in (string[])["-c", $"exec \"$0\" \"$@\" >'{Root}/log/{name}.out' 2>&1 </dev/null", program, .. args])
            info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = ConfigFile;
        _daemons.Add((name, Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start")));
    }

    void WaitForIdleNode()
    {
        string state = "";
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (name, process) in _daemons)
                if (process.HasExited)
                    throw new InvalidOperationException($"{name} exited {process.ExitCode} while the cluster started.\n{Logs()}");
            var sinfo = Run("sinfo", "-h", "-N", "-o", "%t");
            state = (sinfo.Out + sinfo.Error).Trim();
            if (sinfo.ExitCode == 0 && state == "idle")
                return;
            Thread.Sleep(500);
        }
        throw new InvalidOperationException($"The node was not idle within {StartTimeout.TotalSeconds} s (sinfo: '{state}').\n{Logs()}");
    }

    static void WaitUntil(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException(failure);
            Thread.Sleep(100);
        }
    }

    /// <summary>The last lines of every daemon log, for failure messages.</summary>
    public string Logs() => string.Join("\n", Directory.GetFiles(Path.Combine(Root, "log")).Order(StringComparer.Ordinal)
        .Select(f => $"--- {Path.GetFileName(f)}\n{string.Join("\n", File.ReadLines(f).TakeLast(30))}"));

    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>Runs a Slurm client command against this cluster, with <paramref name="environment"/> added.</summary>
    public Result Run(string command, params string[] args) => Run(command, args, null);

    public Result Run(string command, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = ConfigFile;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', args)} ran over 30 s");
        }
        return new Result(process.ExitCode, output, error.Result);
    }

    /// <summary><c>sbatch --parsable ARGS</c>; the job id (for an array, the array's job id).</summary>
    public string Submit(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var result = Run("sbatch", ["--parsable", .. args], environment);
        Assert.True(result.ExitCode == 0, $"sbatch exited {result.ExitCode}: {result.Error}\n{Logs()}");
        return result.Out.Trim().Split(';')[0];
    }

    /// <summary>True while any task of the job is pending, running or being requeued.</summary>
    public bool IsQueued(string jobId)
    {
        var squeue = Run("squeue", "-h", "-j", jobId, "-o", "%i %T");
        return squeue.ExitCode == 0 && squeue.Out.Trim().Length > 0;
    }

    /// <summary>Waits until no task of the jobs is queued; fails after <paramref name="timeout"/>, with squeue's view.</summary>
    public void WaitForEnd(TimeSpan timeout, params string[] jobIds)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (jobIds.Any(IsQueued))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Jobs {string.Join(", ", jobIds)} not done within {timeout.TotalSeconds} s.\n{Run("squeue").Out}\n{Logs()}");
            Thread.Sleep(500);
        }
    }

    public sealed record TaskState(string JobId, int ArrayTaskId, string State, int ExitCode, int Signal, int Restarts);

    /// <summary>Every task of an array job as <c>scontrol show job</c> has it (kept MinJobAge = 600 s after its end).</summary>
    public IReadOnlyList<TaskState> Tasks(string arrayJobId)
    {
        var result = Run("scontrol", "-o", "show", "job", arrayJobId);
        Assert.True(result.ExitCode == 0, $"scontrol show job {arrayJobId} exited {result.ExitCode}: {result.Error}");
        return [.. result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            string Field(string name) => Regex.Match(line, $@"(?:^| ){name}=(\S+)").Groups[1].Value;
            string[] exit = Field("ExitCode").Split(':');
            return new TaskState(Field("JobId"), int.Parse(Field("ArrayTaskId")), Field("JobState"), int.Parse(exit[0]), int.Parse(exit[1]),
                int.Parse(Field("Restarts")));
        }).OrderBy(t => t.ArrayTaskId)];
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    static extern uint GetEffectiveUserId();

    public void Dispose() => Stop();

    void Stop()
    {
        try
        {
            if (_daemons.Any(d => d.Name == "slurmctld" && !d.Process.HasExited))
            {
                Run("scancel", "--user", Environment.UserName);
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
                while (DateTime.UtcNow < deadline && Run("squeue", "-h").Out.Trim().Length > 0)
                    Thread.Sleep(250);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // the daemons are ended below in any case
        }
        foreach (var (_, process) in Enumerable.Reverse(_daemons))
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
        }
        _daemons.Clear();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
