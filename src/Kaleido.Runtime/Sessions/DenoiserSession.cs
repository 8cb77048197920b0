using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Package;
using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Runtime.Sessions;

/// <summary>
/// denoiser.onnx as an <see cref="IVelocityModel"/> for batches of a fixed number of rows. Every tensor the
/// graph reads or writes lives in a pinned buffer allocated once and bound through an IOBinding; a step
/// copies x_t in, writes t, runs, and copies v out, so nothing image-sized is allocated per step. The
/// conditioning is set once per batch with <see cref="SetConditioning"/>.
/// Inputs are bound again before every run: on a GPU, ONNX Runtime copies a host input to the device when
/// it is bound, not when the graph runs, so a binding made once would feed every step the first step's values.
/// Not thread-safe: one batch at a time.
/// </summary>
public sealed class DenoiserSession : IVelocityModel, IDisposable
{
    readonly InferenceSession _session;
    readonly OrtIoBinding _binding;
    readonly RunOptions _runOptions = new();
    readonly float[][] _xt, _v;                     // [r] rows × 3 × S_r × S_r
    readonly long[] _t;                             // [rows]
    readonly float[] _conditioning;                 // [rows, L, D]
    readonly long[] _mask;                          // [rows, L]
    readonly List<OrtValue> _values = [];
    readonly List<(string Name, OrtValue Value)> _inputs = [];

    /// <param name="session">An open denoiser.onnx session, already checked against the manifest.</param>
    /// <param name="sides">S_r of each resolution, highest first.</param>
    /// <param name="conditioningLength">L, the fixed conditioning length.</param>
    /// <param name="width">D, the conditioning width.</param>
    /// <param name="rows">Rows of every call: 2 for one guided image ([uncond; cond]), 1 for one unguided image.</param>
    public DenoiserSession(InferenceSession session, IReadOnlyList<int> sides, int conditioningLength, int width, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(conditioningLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _session = session;
        Sides = [.. sides];
        Rows = rows;
        ConditioningLength = conditioningLength;
        Width = width;
        _binding = session.CreateIoBinding();
        try
        {
            _xt = new float[Sides.Length][];
            _v = new float[Sides.Length][];
            for (int r = 0; r < Sides.Length; r++)
            {
                long[] shape = [rows, 3, Sides[r], Sides[r]];
                _xt[r] = Bind(GraphNames.Denoiser.NoisyImage(r), shape, input: true);
                _v[r] = Bind(GraphNames.Denoiser.Velocity(r), shape, input: false);
            }
            _t = BindInt64(GraphNames.Denoiser.Timestep, [rows]);
            _conditioning = Bind(GraphNames.Denoiser.Conditioning, [rows, conditioningLength, width], input: true);
            _mask = BindInt64(GraphNames.Denoiser.ConditioningMask, [rows, conditioningLength]);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>S_r per resolution, highest first.</summary>
    public int[] Sides { get; }
    public int Rows { get; }
    public int ConditioningLength { get; }
    public int Width { get; }

    /// <summary>Called after every model call with the model time, e.g. for progress.</summary>
    public Action<int>? StepCompleted { get; set; }

    /// <summary>
    /// Sets the conditioning of every row for the following calls: states [rows, L, D] and mask [rows, L]
    /// (1 = valid token). For a guided image, row 0 is unconditional and row 1 conditional.
    /// </summary>
    public void SetConditioning(ReadOnlySpan<float> states, ReadOnlySpan<long> mask)
    {
        if (states.Length != _conditioning.Length || mask.Length != _mask.Length)
            throw new ArgumentException(
                $"Conditioning must be rows × L × D = {Rows} × {ConditioningLength} × {Width} values and rows × L mask entries; got {states.Length} and {mask.Length}.");
        states.CopyTo(_conditioning);
        mask.CopyTo(_mask);
    }

    /// <inheritdoc />
    public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
    {
        if (xt.Length != Sides.Length || velocity.Length != Sides.Length)
            throw new ArgumentException($"Expected {Sides.Length} resolutions; got {xt.Length} inputs and {velocity.Length} outputs.");
        for (int r = 0; r < Sides.Length; r++)
        {
            if (xt[r].Length != _xt[r].Length || velocity[r].Length != _v[r].Length)
                throw new ArgumentException(
                    $"Resolution {r} ({layout}): this session runs {Rows} rows of 3 × {Sides[r]} × {Sides[r]} = {_xt[r].Length} values; got {xt[r].Length} in, {velocity[r].Length} out.");
            xt[r].Span.CopyTo(_xt[r]);
        }
        Array.Fill(_t, modelTime);

        foreach (var (name, value) in _inputs)
            _binding.BindInput(name, value);
        _session.RunWithBinding(_runOptions, _binding);

        for (int r = 0; r < Sides.Length; r++)
            _v[r].CopyTo(velocity[r]);
        StepCompleted?.Invoke(modelTime);
    }

    float[] Bind(string name, long[] shape, bool input)
    {
        // Pinned-heap array: never moves, so ORT can hold its address for the session's life.
        var buffer = GC.AllocateArray<float>(checked((int)shape.Aggregate(1L, (a, b) => a * b)), pinned: true);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(), shape);
        _values.Add(value);
        if (input) _inputs.Add((name, value));
        else _binding.BindOutput(name, value);
        return buffer;
    }

    long[] BindInt64(string name, long[] shape)
    {
        var buffer = GC.AllocateArray<long>(checked((int)shape.Aggregate(1L, (a, b) => a * b)), pinned: true);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(), shape);
        _values.Add(value);
        _inputs.Add((name, value));
        return buffer;
    }

    /// <summary>Releases the binding and the bound values; the session belongs to its opener.</summary>
    public void Dispose()
    {
        _binding.Dispose();
        foreach (var value in _values)
            value.Dispose();
        _values.Clear();
        _inputs.Clear();
        _runOptions.Dispose();
    }
}
