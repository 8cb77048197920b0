using Kaleido.Runtime;

namespace Kaleido.Cli.Bench;

/// <summary>The process's resident memory as Linux reports it in /proc/self/status (native allocations included).</summary>
public static class ProcessMemory
{
    const string StatusFile = "/proc/self/status";

    /// <summary>Peak resident set size so far (VmHWM), in bytes; null where /proc is not available.</summary>
    public static long? PeakResidentBytes() => ReadKilobytes("VmHWM:");

    /// <summary>Current resident set size (VmRSS), in bytes; null where /proc is not available.</summary>
    public static long? ResidentBytes() => ReadKilobytes("VmRSS:");

    static long? ReadKilobytes(string field)
    {
        string text;
        try
        {
            text = File.ReadAllText(StatusFile); // procfs reports length 0; ReadAllText reads to the end anyway
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        foreach (string line in text.Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal))
                continue;
            // "VmHWM:	  123456 kB"
            string[] parts = line[field.Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 1 && long.TryParse(parts[0], out long kilobytes) ? kilobytes * 1024 : null;
        }
        return null;
    }
}
