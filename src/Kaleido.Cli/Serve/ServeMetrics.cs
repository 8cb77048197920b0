using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kaleido.Cli.Bench;

namespace Kaleido.Cli.Serve;

/// <summary>
/// The server's counters, as <c>GET /metrics</c> shows them in Prometheus' text format (version 0.0.4): requests by
/// endpoint and status, the queue's depth, a latency histogram per endpoint, images, latents, denoiser steps,
/// cancellations, 429s, and the process's resident memory. Thread-safe; lock-free on the request path.
/// </summary>
sealed class ServeMetrics
{
    /// <summary>Latency bucket bounds in seconds: from a health probe to a 10-image request at 250 steps.</summary>
    static readonly double[] Bounds = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    readonly ConcurrentDictionary<(string Endpoint, int Status), long[]> _requests = new();
    readonly ConcurrentDictionary<string, Histogram> _latency = new();
    long _images, _latents, _steps, _cancelled, _rejected;
    int _waiting, _running;

    sealed class Histogram
    {
        public readonly long[] Counts = new long[Bounds.Length + 1];
        public long SumMicros;
    }

    public void Request(string endpoint, int status, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((endpoint, status), _ => new long[1])[0]);
        Histogram h = _latency.GetOrAdd(endpoint, _ => new Histogram());
        double seconds = elapsed.TotalSeconds;
        int bucket = Array.FindIndex(Bounds, b => seconds <= b);
        Interlocked.Increment(ref h.Counts[bucket < 0 ? Bounds.Length : bucket]);
        Interlocked.Add(ref h.SumMicros, (long)(seconds * 1e6));
    }

    public void Enqueued() => Interlocked.Increment(ref _waiting);

    public void Started()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _running);
    }

    /// <summary>A request left the queue, after running (<paramref name="ran"/>) or while still waiting.</summary>
    public void Left(bool ran)
    {
        if (ran) Interlocked.Decrement(ref _running);
        else Interlocked.Decrement(ref _waiting);
    }

    public void Image() => Interlocked.Increment(ref _images);
    public void Latents() => Interlocked.Increment(ref _latents);
    public void DenoiserStep() => Interlocked.Increment(ref _steps);
    public void Cancelled() => Interlocked.Increment(ref _cancelled);
    public void Rejected() => Interlocked.Increment(ref _rejected);

    public int QueueDepth => Volatile.Read(ref _waiting);

    /// <summary>The exposition text.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        void Line(string s) => text.Append(s).Append('\n');
        string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        Line("# HELP kaleido_requests_total HTTP requests answered, by endpoint and status.");
        Line("# TYPE kaleido_requests_total counter");
        foreach (var ((endpoint, status), count) in _requests.OrderBy(r => r.Key.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Key.Status))
            Line($"kaleido_requests_total{{endpoint=\"{endpoint}\",code=\"{status}\"}} {Interlocked.Read(ref count[0])}");

        Line("# HELP kaleido_request_duration_seconds Time from a request's arrival to its response, by endpoint.");
        Line("# TYPE kaleido_request_duration_seconds histogram");
        foreach (var (endpoint, h) in _latency.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            long cumulative = 0;
            for (int i = 0; i <= Bounds.Length; i++)
            {
                cumulative += Interlocked.Read(ref h.Counts[i]);
                string le = i < Bounds.Length ? N(Bounds[i]) : "+Inf";
                Line($"kaleido_request_duration_seconds_bucket{{endpoint=\"{endpoint}\",le=\"{le}\"}} {cumulative}");
            }
            Line($"kaleido_request_duration_seconds_sum{{endpoint=\"{endpoint}\"}} {N(Interlocked.Read(ref h.SumMicros) / 1e6)}");
            Line($"kaleido_request_duration_seconds_count{{endpoint=\"{endpoint}\"}} {cumulative}");
        }

        Gauge(text, "kaleido_queue_depth", "Requests waiting for a pipeline.", Volatile.Read(ref _waiting));
        Gauge(text, "kaleido_running", "Requests running on a pipeline.", Volatile.Read(ref _running));
        Counter(text, "kaleido_images_total", "Images rendered.", Interlocked.Read(ref _images));
        Counter(text, "kaleido_latents_total", "Latents documents sampled.", Interlocked.Read(ref _latents));
        Counter(text, "kaleido_denoiser_steps_total", "Denoising steps run (one denoiser call each).", Interlocked.Read(ref _steps));
        Counter(text, "kaleido_cancelled_total", "Requests cancelled while queued or running (client gone, timeout, shutdown).", Interlocked.Read(ref _cancelled));
        Counter(text, "kaleido_rejected_total", "Requests refused with 429 because the queue was full.", Interlocked.Read(ref _rejected));
        if (ProcessMemory.ResidentBytes() is { } rss)
            Gauge(text, "kaleido_process_resident_bytes", "Resident memory of the server process (VmRSS).", rss);
        return text.ToString();
    }

    static void Counter(StringBuilder text, string name, string help, long value) => Metric(text, name, help, "counter", value);
    static void Gauge(StringBuilder text, string name, string help, long value) => Metric(text, name, help, "gauge", value);

    static void Metric(StringBuilder text, string name, string help, string type, long value) =>
        text.Append($"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value.ToString(CultureInfo.InvariantCulture)}\n");
}
