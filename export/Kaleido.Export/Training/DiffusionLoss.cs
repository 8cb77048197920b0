using Kaleido.Export.Denoiser;
using Kaleido.Runtime.Diffusion.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// L_DM as ml-mdm trains the nested UNet (architecture-facts §1–2): k ~ U{0..T−1} shared by both resolutions;
/// γ_r = γ'_r[k + 1] from each resolution's schedule (outer shifted by the nest ratio, base unshifted);
/// x_t = √γ·x0 + √(1−γ)·ε with independent ε per resolution; the network sees k and predicts v; the loss is
/// on ε: x̂0 = √γ·x_t − √(1−γ)·v, ε̂ = (x_t − √γ·x̂0)/√(1−γ), L_DM = Σ_r w_r·mean(ε̂_r − ε_r)². With
/// <see cref="DiffusionLossWeighting.Velocity"/> the loss is on v instead: L_DM = Σ_r w_r·mean(v̂_r − v_r)² with
/// v = √γ·ε − √(1−γ)·x0, which weighs the x0 error by SNR + 1 rather than SNR.
/// </summary>
public sealed class DiffusionLoss : IDisposable
{
    private readonly Tensor[] _gammaTables; // per resolution, float64 [T]: entry k = γ'[k + 1]

    public DiffusionLoss(NoiseScheduleSettings schedule, int nestRatio, IReadOnlyList<double> weights,
        DiffusionLossWeighting weighting = DiffusionLossWeighting.Epsilon)
    {
        Weighting = weighting;
        if (weights.Count != 2)
            throw new ArgumentException($"Expected 2 resolution weights (highest first), got {weights.Count}.", nameof(weights));
        Weights = [.. weights];
        var schedules = new[] { NoiseSchedule.CreateForScale(schedule, nestRatio), NoiseSchedule.CreateBase(schedule) };
        TrainingSteps = schedules[0].TrainingSteps;
        _gammaTables = schedules
            .Select(s => tensor(Enumerable.Range(0, s.TrainingSteps).Select(k => s.TrainingLevel(k).Gamma).ToArray()))
            .ToArray();
    }

    /// <summary>T: k is drawn from 0..T−1.</summary>
    public int TrainingSteps { get; }

    public double[] Weights { get; }

    public DiffusionLossWeighting Weighting { get; }

    /// <summary>
    /// Draws k and ε from <paramref name="generator"/> (k first, then ε per resolution, highest first), runs the
    /// denoiser and returns the weighted sum and the per-resolution MSE values (of ε or of v, as <see cref="Weighting"/> says).
    /// A region-masked denoiser also gets <paramref name="tokenObjects"/> and <paramref name="regions"/>.
    /// </summary>
    public (Tensor Total, double[] PerResolution) Compute(NestedUNet denoiser, IReadOnlyList<Tensor> x0, Tensor conditioning, Tensor mask,
        Generator generator, Tensor? tokenObjects = null, Tensor? regions = null)
    {
        using var scope = NewDisposeScope();
        long b = x0[0].shape[0];
        var k = randint(0, TrainingSteps, [b], dtype: int64, generator: generator);   // [B]
        var noise = x0.Select(x => randn(x.shape, generator: generator)).ToArray();

        var alphas = new Tensor[x0.Count];
        var sigmas = new Tensor[x0.Count];
        var noisy = new Tensor[x0.Count];
        for (int r = 0; r < x0.Count; r++)
        {
            var gamma = _gammaTables[r].index_select(0, k).view(b, 1, 1, 1);        // [B, 1, 1, 1], float64
            alphas[r] = gamma.sqrt().to(float32);                                   // √γ
            sigmas[r] = (1.0 - gamma).sqrt().to(float32);                           // √(1−γ)
            noisy[r] = alphas[r] * x0[r] + sigmas[r] * noise[r];                    // x_t
        }

        var v = denoiser.Forward(noisy, k, conditioning, mask, tokenObjects, regions);
        Tensor total = zeros(1);
        var perResolution = new double[x0.Count];
        for (int r = 0; r < x0.Count; r++)
        {
            // ε̂ = (x_t − √γ·x̂0)/√(1−γ) with x̂0 = √γ·x_t − √(1−γ)·v simplifies to √(1−γ)·x_t + √γ·v
            // (γ + (1−γ) = 1); the closed form avoids dividing by √(1−γ), which is ~0.006 at k = 0.
            var mse = Weighting == DiffusionLossWeighting.Velocity
                ? nn.functional.mse_loss(v[r], alphas[r] * noise[r] - sigmas[r] * x0[r])
                : nn.functional.mse_loss(sigmas[r] * noisy[r] + alphas[r] * v[r], noise[r]);
            perResolution[r] = mse.item<float>();
            total = total + Weights[r] * mse;
        }
        return (total.squeeze().MoveToOuterDisposeScope(), perResolution);
    }

    public void Dispose()
    {
        foreach (var table in _gammaTables)
            table.Dispose();
    }
}
