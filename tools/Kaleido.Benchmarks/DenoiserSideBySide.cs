using Kaleido.Cli.Bench;
using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Sessions;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Kaleido.Benchmarks;

/// <summary>One denoiser step at batch 2 ([uncond; cond], B = 1) on the same inputs: TorchSharp eager vs our DenoiserSession.</summary>
sealed record DenoiserComparison(TimingSummary TorchMilliseconds, TimingSummary OursMilliseconds, double RelativeError)
{
    /// <summary>Ours / TorchSharp, medians.</summary>
    public double Ratio => OursMilliseconds.Median / TorchMilliseconds.Median;
}

/// <summary>The step inputs both sides get: x_t per resolution, t, conditioning [2, L, D] and its mask.</summary>
sealed record StepInputs(float[][] Xt, long T, float[] Conditioning, long[] Mask, int[] Sides, int Length, int Width)
{
    public const int Rows = 2;

    public static StepInputs Random(PackageManifest manifest, int seed)
    {
        var random = new Random(seed);
        int[] sides = [.. manifest.Resolutions];
        float[] Fill(int count)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++)
                values[i] = (float)(random.NextDouble() * 2 - 1);
            return values;
        }
        ConditioningSpec c = manifest.Conditioning;
        var mask = new long[Rows * c.Length];
        Array.Fill(mask, 1L);
        return new StepInputs(sides.Select(s => Fill(Rows * 3 * s * s)).ToArray(), 500, Fill(Rows * c.Length * c.Width), mask, sides, c.Length, c.Width);
    }
}

static class DenoiserSideBySide
{
    public static DenoiserComparison Run(BenchmarkModel model, StepInputs input, InferenceSession session, int repetitions)
    {
        // Ours: the pipeline's DenoiserSession (IOBinding over pinned buffers).
        using var denoiser = new DenoiserSession(session, input.Sides, input.Length, input.Width, StepInputs.Rows);
        denoiser.SetConditioning(input.Conditioning, input.Mask);
        float[][] v = input.Sides.Select(s => new float[StepInputs.Rows * 3 * s * s]).ToArray();
        var xt = input.Xt.Select(x => (ReadOnlyMemory<float>)x).ToArray();
        var outputs = v.Select(x => (Memory<float>)x).ToArray();
        TimingSummary oursMs = Measure.Milliseconds(
            () => denoiser.PredictVelocity((int)input.T, xt, outputs, GuidanceBatchLayout.UnconditionalThenConditional), repetitions);

        Measure.Settle();

        // TorchSharp eager, no autograd; the tensors are made once, outside the timing.
        var net = model.Weights.Denoiser;
        var images = input.Xt.Select((x, r) => tensor(x, [StepInputs.Rows, 3, input.Sides[r], input.Sides[r]])).ToArray();
        using var t = full([StepInputs.Rows], input.T, ScalarType.Int64);
        using var lm = tensor(input.Conditioning, [StepInputs.Rows, input.Length, input.Width]);
        using var mask = tensor(input.Mask, [StepInputs.Rows, input.Length]);
        float[][] expected = [];
        TimingSummary torchMs;
        using (no_grad())
        {
            torchMs = Measure.Milliseconds(() =>
            {
                using var scope = NewDisposeScope();
                var v = net.Forward(images, t, lm, mask);
                expected = v.Select(x => x.data<float>().ToArray()).ToArray();
            }, repetitions);
        }
        foreach (var image in images)
            image.Dispose();

        double error = 0;
        for (int r = 0; r < v.Length; r++)
            error = Math.Max(error, RelativeError(v[r], expected[r]));
        return new DenoiserComparison(torchMs, oursMs, error);
    }

    /// <summary>max|a − b| / max|b|.</summary>
    public static double RelativeError(float[] actual, float[] reference)
    {
        double worst = 0, scale = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - reference[i]));
            scale = Math.Max(scale, Math.Abs(reference[i]));
        }
        return worst / Math.Max(scale, 1e-30);
    }

    /// <summary>Opens denoiser.onnx with explicit options (for the session-option variants) and checks it like the runtime does.</summary>
    public static InferenceSession Open(ModelPackage package, SessionOptions options)
    {
        var session = new InferenceSession(package.PathOf(PackageFileRoles.Denoiser), options);
        ConditioningSpec c = package.Manifest.Conditioning;
        var (inputs, outputsExpected) = PackageGraphExpectations.Denoiser(package.Manifest.Resolutions, c.Length, c.Width);
        GraphContract.Check(session, "denoiser.onnx", inputs, outputsExpected);
        return session;
    }
}
