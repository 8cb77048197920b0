using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Noise;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Grounding;

/// <summary>One noise level of the diagnostic, averaged over the documents (highest resolution).</summary>
/// <param name="K">The training step k the network sees; γ = γ'[k + 1].</param>
/// <param name="Snr">γ / (1 − γ) at the highest resolution.</param>
/// <param name="TrueLoss">mean (x̂0 − x0)² with the document's own latents.</param>
/// <param name="MirroredLoss">The same with every box mirrored: higher when the model reads the boxes.</param>
/// <param name="Sensitivity">mean |x̂0(true) − x̂0(mirrored)|: how much mirroring moves the prediction.</param>
public sealed record MirrorLevel(int K, double Snr, double TrueLoss, double MirroredLoss, double Sensitivity);

/// <summary>
/// The per-timestep diagnostic of issue 13 for a denoiser: at fixed noise levels k, noise each ground-truth image,
/// predict x̂0 once conditioned on its true latents and once on the same latents with every box mirrored, and compare.
/// Pooled L_DM cannot see grounding (perfect grounding lowers it by about 1 %); the gap and the sensitivity at high
/// noise (k ≳ 850), where an object's position can only come from the latents, can. The noise is keyed by (k, document),
/// so checkpoints of one run are compared on the same draws.
/// </summary>
public static class MirrorDiagnostic
{
    /// <summary>The default levels: a few low-noise ones and dense high-noise ones.</summary>
    public static IReadOnlyList<int> DefaultLevels { get; } = [100, 300, 500, 700, 800, 850, 900, 950, 990];

    /// <param name="documents">Ground-truth documents whose <see cref="LatentsDocument.ImagePath"/> names their image.</param>
    /// <param name="imageFolder">The folder image paths are relative to (the manifest's).</param>
    public static IReadOnlyList<MirrorLevel> Run(LoadedModel model, IReadOnlyList<LatentsDocument> documents, string imageFolder, IReadOnlyList<int>? levels = null)
    {
        levels ??= DefaultLevels;
        if (model.Decoder is null)
            throw new ToolInputException($"Model '{model.Manifest.ModelId}' is a baseline: it has no latents to mirror.");
        int[] sides = [.. model.Manifest.Resolutions];
        var rows = new ConditioningRows(model);
        var denoiser = model.Denoiser(rows: 2);
        var states = new float[2 * rows.RowValues];
        var mask = new long[2 * model.Manifest.Conditioning.Length];
        var x0 = documents.Select(d => Targets(d, imageFolder, sides)).ToArray();
        var sums = new (double TrueLoss, double MirroredLoss, double Sensitivity, double Snr)[levels.Count];

        // Document outer, level inner: each document's [true; mirrored] conditioning is built and set once.
        for (int i = 0; i < documents.Count; i++)
        {
            EncodedCaption caption = model.Encoder.Encode(documents[i].Prompt, truncate: true);
            DecoderStates decoded = Decode(model, caption, documents[i].Latents);
            DecoderStates mirrored = Decode(model, caption, LatentMirror.Mirror(documents[i].Latents));
            rows.Write(caption, decoded, guided: false, states.AsSpan(0, rows.RowValues), mask.AsSpan(0, mask.Length / 2));
            rows.Write(caption, mirrored, guided: false, states.AsSpan(rows.RowValues), mask.AsSpan(mask.Length / 2));
            denoiser.SetConditioning(states, mask);

            for (int l = 0; l < levels.Count; l++)
            {
                int k = levels[l];
                // x_t = √γ·x0 + √(1−γ)·ε per resolution, both rows the same image and noise.
                var noise = new KeyedStepNoise([new NoiseKey((ulong)k, (uint)i, 0, 0)], sides);
                var inputs = new ReadOnlyMemory<float>[sides.Length];
                var outputs = new Memory<float>[sides.Length];
                var gammas = new double[sides.Length];
                for (int r = 0; r < sides.Length; r++)
                {
                    int n = 3 * sides[r] * sides[r];
                    gammas[r] = model.Resolutions[r].Schedule.TrainingLevel(k).Gamma;
                    var epsilon = new float[n];
                    noise.FillStart(r, 0, epsilon);
                    var xt = new float[2 * n];
                    for (int j = 0; j < n; j++)
                        xt[j] = xt[n + j] = (float)(Math.Sqrt(gammas[r]) * x0[i][r][j] + Math.Sqrt(1 - gammas[r]) * epsilon[j]);
                    inputs[r] = xt;
                    outputs[r] = new float[2 * n];
                }
                denoiser.PredictVelocity(k, inputs, outputs, GuidanceBatchLayout.UnconditionalThenConditional);

                // x̂0 = √γ·x_t − √(1−γ)·v at the highest resolution, for each row.
                var (t, m, s) = Compare(x0[i][0], inputs[0].Span, outputs[0].Span, gammas[0]);
                sums[l] = (sums[l].TrueLoss + t, sums[l].MirroredLoss + m, sums[l].Sensitivity + s, gammas[0] / (1 - gammas[0]));
            }
        }
        int count = documents.Count;
        return levels.Select((k, l) => new MirrorLevel(k, sums[l].Snr, sums[l].TrueLoss / count, sums[l].MirroredLoss / count, sums[l].Sensitivity / count)).ToArray();
    }

    /// <summary>x0-MSE of row 0 (true) and row 1 (mirrored) against the target, and the mean |difference| of the rows' x̂0.</summary>
    public static (double TrueLoss, double MirroredLoss, double Sensitivity) Compare(ReadOnlySpan<float> x0, ReadOnlySpan<float> xt, ReadOnlySpan<float> v, double gamma)
    {
        int n = x0.Length;
        double a = Math.Sqrt(gamma), b = Math.Sqrt(1 - gamma);
        double trueLoss = 0, mirroredLoss = 0, sensitivity = 0;
        for (int j = 0; j < n; j++)
        {
            double hatTrue = a * xt[j] - b * v[j];
            double hatMirrored = a * xt[n + j] - b * v[n + j];
            trueLoss += (hatTrue - x0[j]) * (hatTrue - x0[j]);
            mirroredLoss += (hatMirrored - x0[j]) * (hatMirrored - x0[j]);
            sensitivity += Math.Abs(hatTrue - hatMirrored);
        }
        return (trueLoss / n, mirroredLoss / n, sensitivity / n);
    }

    static DecoderStates Decode(LoadedModel model, EncodedCaption caption, DiscreteLatents latents) =>
        model.Decoder!.Run(caption, model.Tokenizer.Encode(LatentsFormatter.Format(latents)));

    /// <summary>The image at every resolution, [3, S, S] in [−1, 1]: the PNG, then 2×2 (nest-ratio) averages, as training builds them.</summary>
    static float[][] Targets(LatentsDocument document, string imageFolder, int[] sides)
    {
        if (document.ImagePath is null)
            throw new ToolInputException($"A document for \"{document.Prompt}\" has no imagePath; the diagnostic needs the ground-truth image.");
        string path = Path.Combine(imageFolder, document.ImagePath);
        if (!File.Exists(path))
            throw new ToolInputException($"Image '{path}' does not exist.");
        using Image<Rgb24> image = Image.Load<Rgb24>(path);
        if (image.Width != sides[0] || image.Height != sides[0])
            throw new ToolInputException($"Image '{path}' is {image.Width}×{image.Height}; the model makes {sides[0]}×{sides[0]}.");
        var targets = new float[sides.Length][];
        targets[0] = new float[3 * sides[0] * sides[0]];
        TensorImage.ToTensor(image, targets[0]);
        for (int r = 1; r < sides.Length; r++)
            targets[r] = AveragePool(targets[r - 1], sides[r - 1], sides[r - 1] / sides[r]);
        return targets;
    }

    /// <summary>Average pooling by <paramref name="factor"/> of a [3, S, S] image.</summary>
    public static float[] AveragePool(float[] chw, int side, int factor)
    {
        int outSide = side / factor;
        var result = new float[3 * outSide * outSide];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < outSide; y++)
                for (int x = 0; x < outSide; x++)
                {
                    float sum = 0;
                    for (int dy = 0; dy < factor; dy++)
                        for (int dx = 0; dx < factor; dx++)
                            sum += chw[c * side * side + (y * factor + dy) * side + x * factor + dx];
                    result[c * outSide * outSide + y * outSide + x] = sum / (factor * factor);
                }
        return result;
    }
}
