using System.Globalization;

namespace Kaleido.Runtime.Sessions;

/// <summary>
/// How many of this machine's CPUs are idle right now, from two readings of /proc/stat's "cpu" line 50 ms apart
/// (Linux). <see cref="IntraOpThreading"/> sizes the sessions' thread pool by it.
/// </summary>
public static class IdleCores
{
    const string StatPath = "/proc/stat";
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Idle CPUs, 0 to <see cref="Environment.ProcessorCount"/>; null where /proc/stat cannot be read.</summary>
    public static int? Measure()
    {
        try
        {
            string before = File.ReadAllText(StatPath);
            Thread.Sleep(Interval);
            return Between(before, File.ReadAllText(StatPath), Environment.ProcessorCount);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Idle CPUs between two /proc/stat texts: the share of idle and iowait time on the aggregate "cpu" line
    /// (user nice system idle iowait irq softirq steal; guest time is already in user), times
    /// <paramref name="processors"/>, rounded; null when no time passed.
    /// </summary>
    /// <exception cref="FormatException">A text has no aggregate "cpu" line of numbers.</exception>
    public static int? Between(string before, string after, int processors)
    {
        (long idle0, long total0) = Times(before);
        (long idle1, long total1) = Times(after);
        long total = total1 - total0;
        if (total <= 0)
            return null;
        double share = Math.Clamp((double)(idle1 - idle0) / total, 0, 1);
        return (int)Math.Round(share * processors, MidpointRounding.AwayFromZero);
    }

    static (long Idle, long Total) Times(string stat)
    {
        string line = stat.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new FormatException("/proc/stat has no aggregate 'cpu' line.");
        long[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        if (fields.Length < 5)
            throw new FormatException($"/proc/stat's 'cpu' line has {fields.Length} numbers; expected at least 5.");
        return (fields[3] + fields[4], fields.Sum());
    }
}
