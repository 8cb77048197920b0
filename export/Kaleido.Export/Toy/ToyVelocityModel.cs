using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Samplers;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// Adapts a <see cref="ToyDenoiser"/> to the runtime's <see cref="IVelocityModel"/>: the loop hands over x_t
/// for the batch (or [x_t; x_t] when guided) and this runs the MLP once with the rows' condition ids, the
/// unconditional half with the null id. The toy has one "resolution" of two values per sample.
/// </summary>
internal sealed class ToyVelocityModel : IVelocityModel, IDisposable
{
    readonly ToyDenoiser _denoiser;
    readonly Tensor _conditionalIds;   // [B]
    readonly Tensor _pairedIds;        // [2B]: null × B, then the conditions
    readonly float[] _input;           // [2B · 2], reused every step

    /// <param name="denoiser">The trained network.</param>
    /// <param name="conditionIds">One condition id per batch row (see <see cref="ToyConditioning"/>).</param>
    public ToyVelocityModel(ToyDenoiser denoiser, IReadOnlyList<int> conditionIds)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        ArgumentNullException.ThrowIfNull(conditionIds);
        int nullId = denoiser.Conditioning.NullId;
        foreach (int id in conditionIds)
            if ((uint)id >= (uint)nullId)
                throw new ArgumentOutOfRangeException(nameof(conditionIds), id, $"Condition ids must be in 0..{nullId - 1}.");

        _denoiser = denoiser;
        long[] conditional = conditionIds.Select(id => (long)id).ToArray();
        _conditionalIds = tensor(conditional);
        _pairedIds = tensor(Enumerable.Repeat((long)nullId, conditional.Length).Concat(conditional).ToArray());
        _input = new float[2 * conditional.Length * 2];
    }

    /// <inheritdoc/>
    public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
    {
        if (xt.Length != 1 || velocity.Length != 1)
            throw new ArgumentException($"The toy model has one resolution; the loop passed {xt.Length}.", nameof(xt));

        var ids = layout == GuidanceBatchLayout.ConditionalOnly ? _conditionalIds : _pairedIds;
        int rows = (int)ids.shape[0];
        ReadOnlySpan<float> x = xt[0].Span;
        if (x.Length != rows * 2 || velocity[0].Length != rows * 2)
            throw new ArgumentException($"Expected {rows} rows of 2 values for layout {layout}; got {x.Length} values.", nameof(xt));

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        x.CopyTo(_input);
        var input = tensor(_input, [_input.Length / 2, 2]).narrow(0, 0, rows);                // [rows, 2]
        var time = full([rows], modelTime, ScalarType.Int64);                                   // [rows]
        var v = _denoiser.Forward(input, time, ids).contiguous();                               // [rows, 2]
        v.data<float>().CopyTo(velocity[0].Span);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _conditionalIds.Dispose();
        _pairedIds.Dispose();
    }
}
