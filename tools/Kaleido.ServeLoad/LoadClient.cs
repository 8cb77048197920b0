using System.Diagnostics;
using System.Text;

namespace Kaleido.ServeLoad;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> clients, each sending one request and waiting for its answer before
/// the next, for a fixed time or request count. A 429 is followed by a fixed back-off (<see cref="BackOff"/>), as a
/// polite client does, so a full queue is measured rather than a spin of instant refusals. Bounded: one request in
/// flight per client, latencies kept as one double each.
/// </summary>
public static class LoadClient
{
    public static readonly TimeSpan BackOff = TimeSpan.FromMilliseconds(100);

    public static async Task<LoadResult> RunAsync(HttpClient http, Uri url, string jsonBody, int concurrency, TimeSpan duration,
        int? maxRequests = null, CancellationToken cancellation = default)
    {
        var statuses = new Dictionary<int, int>();
        var okLatencies = new List<double>();
        int transportErrors = 0, started = 0;
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        stop.CancelAfter(duration);

        async Task Client()
        {
            while (!stop.IsCancellationRequested && (maxRequests is null || Interlocked.Increment(ref started) <= maxRequests))
            {
                long t0 = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                    // Not cancelled by the deadline: a request once sent is waited for, so every answer is counted.
                    using HttpResponseMessage response = await http.PostAsync(url, content, cancellation);
                    await response.Content.ReadAsByteArrayAsync(cancellation);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    lock (statuses) transportErrors++;
                    continue;
                }
                double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status == 200) okLatencies.Add(ms);
                }
                if (status == 429)
                    try { await Task.Delay(BackOff, stop.Token); } catch (OperationCanceledException) { }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Client)));
        return new LoadResult(concurrency, clock.Elapsed, statuses, [.. okLatencies], transportErrors);
    }
}

/// <summary>What one load run saw: answers by status, the latencies of the 200s, and connections that failed.</summary>
public sealed record LoadResult(int Concurrency, TimeSpan Elapsed, IReadOnlyDictionary<int, int> Statuses, double[] OkLatenciesMs, int TransportErrors)
{
    public int Requests => Statuses.Values.Sum();
    public int Ok => Statuses.GetValueOrDefault(200);
    public int TooMany => Statuses.GetValueOrDefault(429);
    public int ServerErrors => Statuses.Where(s => s.Key >= 500).Sum(s => s.Value);

    /// <summary>Images answered per second.</summary>
    public double Throughput => Ok / Elapsed.TotalSeconds;

    public double Share429 => Requests == 0 ? 0 : (double)TooMany / Requests;

    /// <summary>The <paramref name="q"/> quantile of the 200s' latencies (nearest rank), in ms.</summary>
    public double Quantile(double q)
    {
        if (OkLatenciesMs.Length == 0) return double.NaN;
        double[] sorted = [.. OkLatenciesMs.Order()];
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
