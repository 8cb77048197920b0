using System.Diagnostics;
using Kaleido.Cli.Bench;

namespace Kaleido.Benchmarks;

static class Measure
{
    /// <summary>Runs <paramref name="work"/> <paramref name="warmups"/> times unmeasured, then <paramref name="repetitions"/> times; ms each.</summary>
    public static TimingSummary Milliseconds(Action work, int repetitions, int warmups = 2)
    {
        for (int i = 0; i < warmups; i++)
            work();
        var ms = new List<double>(repetitions);
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            work();
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return TimingSummary.Of(ms);
    }

    /// <summary>
    /// Lets the other runtime's worker threads go idle before this one is timed: libtorch's OpenMP threads and ORT's
    /// intra-op threads both spin-wait for a while after their last job, and on 2 cores that steals the next side's CPU.
    /// </summary>
    public static void Settle() => Thread.Sleep(1000);

    public static string Text(TimingSummary t, string format = "0.00") =>
        $"{t.Median.ToString(format)} (IQR {t.Q1.ToString(format)}–{t.Q3.ToString(format)}, min–max {t.Min.ToString(format)}–{t.Max.ToString(format)})";
}
