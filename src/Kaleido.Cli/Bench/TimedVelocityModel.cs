using System.Diagnostics;
using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Samplers;

using Kaleido.Runtime;

namespace Kaleido.Cli.Bench;

/// <summary>
/// Wraps a velocity model and adds up the time spent inside its calls, so a loop's own time (loop wall time minus
/// model time) can be told apart from the model's. For <see cref="Diffusion.DenoiserSession"/> a call is ONNX
/// Runtime's RunWithBinding plus copying x_t in and v out (a few tens of KB for the small config).
/// </summary>
public sealed class TimedVelocityModel(IVelocityModel inner) : IVelocityModel
{
    readonly IVelocityModel _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    readonly List<double> _callMilliseconds = [];
    long _ticks;

    /// <summary>Stopwatch ticks spent inside the wrapped model since the last <see cref="Reset"/>.</summary>
    public TimeSpan Inside => Stopwatch.GetElapsedTime(0, _ticks);

    /// <summary>Each call's duration in ms since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<double> CallMilliseconds => _callMilliseconds;

    public void Reset()
    {
        _ticks = 0;
        _callMilliseconds.Clear();
    }

    public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
    {
        long start = Stopwatch.GetTimestamp();
        _inner.PredictVelocity(modelTime, xt, velocity, layout);
        long elapsed = Stopwatch.GetTimestamp() - start;
        _ticks += elapsed;
        _callMilliseconds.Add(Stopwatch.GetElapsedTime(0, elapsed).TotalMilliseconds);
    }
}
