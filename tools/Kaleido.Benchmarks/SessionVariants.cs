using System.Diagnostics;
using Kaleido.Cli.Bench;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Diffusion.Guidance;
using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Benchmarks;

/// <summary>One way of configuring the denoiser's session: how long it takes to create and how long a step takes.</summary>
sealed record SessionVariant(string Name, double CreateMilliseconds, TimingSummary StepMilliseconds);

/// <summary>
/// The session options worth trying before changing the runtime's (docs/benchmarks.md): optimisation level,
/// intra-op threads, spinning, and fixing the symbolic batch and token dims (batch = 2, tokens = L) so ORT can plan
/// shapes ahead. Each variant opens its own session and runs the same inputs.
/// </summary>
static class SessionVariants
{
    public static SessionVariant[] Run(BenchmarkModel model, StepInputs input, int threads, int repetitions)
    {
        var variants = new List<(string Name, Action<SessionOptions> Configure)>
        {
            ("runtime's (ORT_ENABLE_ALL)", _ => { }),
            ("ORT_DISABLE_ALL", o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL),
            ("ORT_ENABLE_BASIC", o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC),
            ("ORT_ENABLE_EXTENDED", o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED),
            ("ALL + fixed dims (batch 2, tokens L)", o =>
            {
                o.AddFreeDimensionOverrideByName("batch", StepInputs.Rows);
                o.AddFreeDimensionOverrideByName("tokens", input.Length);
            }),
            ("ALL + fixed tokens (L) only", o => o.AddFreeDimensionOverrideByName("tokens", input.Length)),
            ("ALL + no spinning", o => o.AddSessionConfigEntry("session.intra_op.allow_spinning", "0")),
            ("ALL, 1 thread", o => o.IntraOpNumThreads = 1),
        };
        var results = new List<SessionVariant>();
        foreach (var (name, configure) in variants)
        {
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
            };
            configure(options);
            long start = Stopwatch.GetTimestamp();
            using var session = DenoiserSideBySide.Open(model.Package, options);
            double create = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            using var denoiser = new DenoiserSession(session, input.Sides, input.Length, input.Width, StepInputs.Rows);
            denoiser.SetConditioning(input.Conditioning, input.Mask);
            var xt = input.Xt.Select(x => (ReadOnlyMemory<float>)x).ToArray();
            var v = input.Sides.Select(s => (Memory<float>)new float[StepInputs.Rows * 3 * s * s]).ToArray();
            TimingSummary step = Measure.Milliseconds(
                () => denoiser.PredictVelocity((int)input.T, xt, v, GuidanceBatchLayout.UnconditionalThenConditional), repetitions);
            results.Add(new SessionVariant(name, create, step));
        }
        return [.. results];
    }
}
