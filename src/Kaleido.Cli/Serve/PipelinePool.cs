using System.Collections.Concurrent;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Cli.Serve;

/// <summary>
/// The bounded queue in front of the model: <see cref="Workers"/> pipelines (each with its own sessions, since a
/// pipeline runs one image at a time) and at most <see cref="QueueCapacity"/> requests waiting for one. A request past
/// that is refused at once (429 with Retry-After) rather than left to pile up: memory and latency stay bounded under
/// any load. A cancelled request (client gone, timeout, shutdown) leaves the queue, or stops between denoising steps.
/// </summary>
sealed class PipelinePool : IDisposable
{
    readonly ConcurrentBag<KaleidoPipeline> _idle;
    readonly KaleidoPipeline[] _all;
    readonly SemaphoreSlim _free;
    readonly ServeMetrics _metrics;
    int _admitted;
    long _jobTicks, _jobs;

    public PipelinePool(IReadOnlyList<KaleidoPipeline> pipelines, int queueCapacity, ServeMetrics metrics)
    {
        _all = [.. pipelines];
        _idle = new ConcurrentBag<KaleidoPipeline>(_all);
        _free = new SemaphoreSlim(_all.Length, _all.Length);
        QueueCapacity = queueCapacity;
        _metrics = metrics;
    }

    public int Workers => _all.Length;
    public int QueueCapacity { get; }

    /// <summary>Requests admitted and not finished: running plus waiting.</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>
    /// Runs <paramref name="work"/> on a pipeline of its own, on a dedicated thread (ONNX Runtime calls block), once one
    /// is free.
    /// </summary>
    /// <exception cref="ApiException">429: the queue is full.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired while waiting or running.</exception>
    public async Task<T> RunAsync<T>(Func<KaleidoPipeline, CancellationToken, T> work, CancellationToken cancellation)
    {
        if (Interlocked.Increment(ref _admitted) > Workers + QueueCapacity)
        {
            Interlocked.Decrement(ref _admitted);
            _metrics.Rejected();
            throw new ApiException(429,
                $"The server is busy: {Workers} request(s) running and {QueueCapacity} waiting (its --workers and --queue). Retry later.")
            { RetryAfterSeconds = RetryAfterSeconds() };
        }
        _metrics.Enqueued();
        bool running = false;
        try
        {
            await _free.WaitAsync(cancellation).ConfigureAwait(false);
            running = true;
            _metrics.Started();
            try
            {
                if (!_idle.TryTake(out KaleidoPipeline? pipeline))
                    throw new InvalidOperationException("A pipeline slot was free but no pipeline was idle.");
                long start = Environment.TickCount64;
                try
                {
                    return await Task.Factory.StartNew(() => work(pipeline, cancellation), cancellation,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Add(ref _jobTicks, Environment.TickCount64 - start);
                    Interlocked.Increment(ref _jobs);
                    _idle.Add(pipeline);
                }
            }
            finally
            {
                _free.Release();
            }
        }
        finally
        {
            _metrics.Left(running);
            Interlocked.Decrement(ref _admitted);
        }
    }

    /// <summary>When the queue will likely have room: the mean job time times the jobs ahead per pipeline, 1 s to 1 min.</summary>
    int RetryAfterSeconds()
    {
        long jobs = Interlocked.Read(ref _jobs);
        double mean = jobs == 0 ? 1 : Interlocked.Read(ref _jobTicks) / 1000.0 / jobs;
        double ahead = (double)(Workers + QueueCapacity) / Workers;
        return (int)Math.Clamp(Math.Ceiling(mean * ahead), 1, 60);
    }

    public void Dispose()
    {
        foreach (KaleidoPipeline pipeline in _all)
            pipeline.Dispose();
        _free.Dispose();
    }
}
