using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Sessions;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// The denoiser for one batch of B images, as <see cref="DenoiseLoop"/> calls it. A guided step runs the batch's rows,
/// [uncond × B; cond × B], in one call. A step below the guidance cutoff runs each image's conditional row alone through
/// a one-row session: ONNX Runtime computes a one-row batch otherwise than a row of a larger one, and one row per call
/// keeps an image's bits those it gets alone, whatever B (docs/runtime.md). Not thread-safe.
/// </summary>
public sealed class BatchDenoiser : IVelocityModel
{
    readonly DenoiserSession _batch;
    readonly DenoiserSession? _single;        // guided loops with a cutoff: the unguided steps' one-row session
    readonly ImageConditioning[] _images;
    readonly ReadOnlyMemory<float>[] _rowInput;
    readonly Memory<float>[] _rowOutput;
    int _imageOnSingle = -1;                  // whose conditional row _single holds

    /// <param name="model">The loaded model whose denoiser sessions run the rows.</param>
    /// <param name="settings">The loop's settings: whether it guides, and below which t.</param>
    /// <param name="images">The B images of the batch in slot order, each with <paramref name="settings"/>' rows.</param>
    public BatchDenoiser(LoadedModel model, DenoiseLoopSettings settings, IReadOnlyList<ImageConditioning> images)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        if (images.Count == 0)
            throw new ArgumentException("A batch needs at least one image.", nameof(images));
        _images = [.. images];
        int batchSize = _images.Length, rowsPerImage = settings.ModelRows(batchSize: 1);
        int length = model.Manifest.Conditioning.Length;
        foreach (ImageConditioning image in _images)
            if (image.Rows(length) != rowsPerImage)
                throw new ArgumentException($"Every image needs {rowsPerImage} conditioning rows; got {image.Rows(length)}.", nameof(images));

        // Image b's k-th row goes to row k·B + b.
        _batch = model.Denoiser(settings.ModelRows(batchSize));
        _batch.SetConditioning(Interleave(rowsPerImage, i => i.States), Interleave(rowsPerImage, i => i.Mask));
        if (_batch.IsGrounded)
            _batch.SetGrounding(Interleave(rowsPerImage, i => i.TokenObjects!), Interleave(rowsPerImage, i => i.Regions!));
        if (settings.IsGuided && settings.GuidanceCutoff > 0)
            _single = model.Denoiser(rows: 1);
        _rowInput = new ReadOnlyMemory<float>[_batch.Sides.Length];
        _rowOutput = new Memory<float>[_batch.Sides.Length];
    }

    /// <inheritdoc />
    public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
    {
        if (_single is null || layout == GuidanceBatchLayout.UnconditionalThenConditional)
        {
            _batch.PredictVelocity(modelTime, xt, velocity, layout);
            return;
        }
        // An unguided step of a guided loop: B rows in, each run alone.
        for (int b = 0; b < _images.Length; b++)
        {
            LoadConditionalRow(b);
            for (int r = 0; r < _rowInput.Length; r++)
            {
                int values = xt[r].Length / _images.Length;
                _rowInput[r] = xt[r].Slice(b * values, values);
                _rowOutput[r] = velocity[r].Slice(b * values, values);
            }
            _single.PredictVelocity(modelTime, _rowInput, _rowOutput, GuidanceBatchLayout.ConditionalOnly);
        }
        Array.Clear(_rowInput);
        Array.Clear(_rowOutput);
    }

    void LoadConditionalRow(int b)
    {
        if (_imageOnSingle == b)
            return;
        ImageConditioning image = _images[b];
        _single!.SetConditioning(LastRow(image.States), LastRow(image.Mask));
        if (_single.IsGrounded)
            _single.SetGrounding(LastRow(image.TokenObjects!), LastRow(image.Regions!));
        _imageOnSingle = b;
    }

    /// <summary>The conditional row of a 2-row input: its second half.</summary>
    static ReadOnlySpan<T> LastRow<T>(T[] rows) => rows.AsSpan(rows.Length / 2);

    /// <summary>One input of the batch: each image's rows, row k of image b at row k·B + b.</summary>
    T[] Interleave<T>(int rowsPerImage, Func<ImageConditioning, T[]> rowsOf)
    {
        int batchSize = _images.Length, perRow = rowsOf(_images[0]).Length / rowsPerImage;
        var all = new T[batchSize * rowsPerImage * perRow];
        for (int b = 0; b < batchSize; b++)
        {
            T[] own = rowsOf(_images[b]);
            for (int k = 0; k < rowsPerImage; k++)
                own.AsSpan(k * perRow, perRow).CopyTo(all.AsSpan((k * batchSize + b) * perRow, perRow));
        }
        return all;
    }
}
