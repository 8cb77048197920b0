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
    readonly long[]? _tokenObjects;                 // [rows, L], region-masked packages only
    readonly float[]? _regions;                     // [rows, M, 4], region-masked packages only
    readonly List<OrtValue> _values = [];
    readonly List<(string Name, OrtValue Value)> _inputs = [];

    /// <param name="session">An open denoiser.onnx session, already checked against the manifest.</param>
    /// <param name="sides">S_r of each resolution, highest first.</param>
    /// <param name="conditioningLength">L, the fixed conditioning length.</param>
    /// <param name="width">D, the conditioning width.</param>
    /// <param name="rows">Rows of every call: 2 for one guided image ([uncond; cond]), 1 for one unguided image.</param>
    /// <param name="maxObjects">M of a region-masked package (it also takes token objects and regions); null for the paper's conditioning.</param>
    public DenoiserSession(InferenceSession session, IReadOnlyList<int> sides, int conditioningLength, int width, int rows, int? maxObjects = null)
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
            if (maxObjects is { } objects)
            {
                _tokenObjects = BindInt64(GraphNames.Denoiser.TokenObjects, [rows, conditioningLength]);
                _regions = Bind(GraphNames.Denoiser.Regions, [rows, objects, GraphNames.Denoiser.RegionValues], input: true);
                Array.Fill(_tokenObjects, -1); // until set: every token global, never "object 0"
            }
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

    /// <summary>True when the graph also takes token objects and regions (<see cref="SetGrounding"/>).</summary>
    public bool IsGrounded => _regions is not null;

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

    /// <summary>
    /// Sets the grounding of every row for the following calls (region-masked packages): token objects [rows, L]
    /// (object index, or -1 for a token attended from everywhere) and regions [rows, M, 4].
    /// </summary>
    public void SetGrounding(ReadOnlySpan<long> tokenObjects, ReadOnlySpan<float> regions)
    {
        if (_tokenObjects is null || _regions is null)
            throw new InvalidOperationException("This denoiser takes no grounding inputs (the package's conditioning has none).");
        if (tokenObjects.Length != _tokenObjects.Length || regions.Length != _regions.Length)
            throw new ArgumentException(
                $"Grounding must be {_tokenObjects.Length} token objects and {_regions.Length} region values; got {tokenObjects.Length} and {regions.Length}.");
        tokenObjects.CopyTo(_tokenObjects);
        regions.CopyTo(_regions);
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
