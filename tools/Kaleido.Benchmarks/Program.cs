using System.Globalization;
using Kaleido.Runtime.Native;
using Kaleido.Runtime.Sessions;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Kaleido.Benchmarks;

/// <summary>
/// <c>kaleido-benchmarks [--preset shapes] [--tokenizer DIR] [--repetitions N] [--threads T] [--lengths 16,32,64,126]
/// [--sections peak,profile,denoiser,variants,prior]</c>: the side-by-side measurements of docs/benchmarks.md, printed as
/// Markdown tables. Everything runs in one process, so ratios compare like with like on a noisy machine.
/// </summary>
public static class Program
{
    /// <summary>
    /// fp32 matmul peak, both cores: machine-facts.md's OpenBLAS sgemm 150–180 GFLOP/s (an AVX2 machine), replaced by
    /// this process's own libtorch sgemm measurement when the peak section runs (the AVX-512 VMs measure higher).
    /// </summary>
    static double PeakGflops = 165;

    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        NativeEnvironment.DisableTelemetry();
        Kaleido.Export.TorchCpuKernels.CapOneDnnIsa(); // before the eager side's first convolution
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: kaleido-benchmarks [--preset tiny|small|shapes] [--tokenizer DIR] [--repetitions N] [--threads T] " +
                                    "[--lengths 16,32,64,126] [--sections peak,profile,denoiser,variants,prior]");
            return 2;
        }
        set_num_threads(options.Threads);
        Console.WriteLine($"# Side by side: preset {options.Preset}, tokenizer {options.Tokenizer}, {options.Threads} threads on both sides, " +
                          $"{options.Repetitions} repetitions; {Environment.ProcessorCount} logical CPUs; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        using var model = BenchmarkModel.Create(options.Preset, options.Tokenizer, seed: 1);
        var manifest = model.Package.Manifest;
        Console.WriteLine($"Denoiser {Kaleido.Export.Denoiser.NestedUNet.CountParameters(model.Weights.Denoiser.Config):N0} parameters, " +
                          $"resolutions {string.Join("+", manifest.Resolutions)}, conditioning {manifest.Conditioning.Length}×{manifest.Conditioning.Width}; " +
                          $"prior vocabulary {manifest.Prior?.VocabSize}, decoder context {manifest.Prior?.ContextLength}.");
        var input = StepInputs.Random(manifest, seed: 5);
        double? flops = null;

        if (options.Has("peak"))
        {
            TableSection($"fp32 matmul in this process (TorchSharp/libtorch sgemm, {options.Threads} threads; for the peak next to machine-facts' 150–180)",
                "| n | ms per n×n×n product | GFLOP/s |", "|---:|---|---:|");
            foreach (int n in new[] { 1024, 2048 })
            {
                using var a = rand(n, n);
                using var b = rand(n, n);
                var ms = Measure.Milliseconds(() => { using var c = mm(a, b); }, Math.Max(5, options.Repetitions / 2));
                double gflops = 2.0 * n * n * n / (ms.Median * 1e6);
                Console.WriteLine($"| {n} | {Measure.Text(ms)} | {gflops:0.0} |");
                PeakGflops = n == 1024 ? gflops : Math.Max(PeakGflops, gflops);
            }
            Console.WriteLine($"Peak used for '% of matmul peak' below: {PeakGflops:0} GFLOP/s.");
        }

        if (options.Has("profile"))
        {
            var (plain, plainRuns) = OrtProfile.Profile(model.Package, input, GraphOptimizationLevel.ORT_DISABLE_ALL, options.Threads, runs: 3);
            var (count, byOperator) = OrtProfile.CountFlops(plain, plainRuns);
            flops = count;
            Console.WriteLine();
            Console.WriteLine($"## FLOPs per denoiser step (batch 2), from the exported graph: {count / 1e9:0.000} GFLOP");
            foreach (var (op, f) in byOperator.OrderByDescending(p => p.Value))
                Console.WriteLine($"- {op}: {f / 1e9:0.000} GFLOP");

            var (optimised, runs) = OrtProfile.Profile(model.Package, input, GraphOptimizationLevel.ORT_ENABLE_ALL, options.Threads, runs: options.Repetitions);
            Console.WriteLine();
            Console.WriteLine("## Where a step's time goes (ORT_ENABLE_ALL, profiler node times; top 12)");
            PrintOperators(OrtProfile.ByOperator(optimised, runs), optimised.Length / runs);
            var (fixedDims, fixedRuns) = OrtProfile.Profile(model.Package, input, GraphOptimizationLevel.ORT_ENABLE_ALL, options.Threads, options.Repetitions,
                o =>
                {
                    o.AddFreeDimensionOverrideByName("batch", StepInputs.Rows);
                    o.AddFreeDimensionOverrideByName("tokens", input.Length);
                });
            Console.WriteLine();
            Console.WriteLine("## Same, with the batch and token dims fixed (free-dimension overrides; top 12)");
            PrintOperators(OrtProfile.ByOperator(fixedDims, fixedRuns), fixedDims.Length / fixedRuns);
            Console.WriteLine();
            Console.WriteLine("## Unoptimised graph, same table (the nodes before fusion; top 12)");
            PrintOperators(OrtProfile.ByOperator(plain, plainRuns), plain.Length / plainRuns);
        }

        if (options.Has("denoiser"))
        {
            Measure.Settle();
            var factory = new OrtSessionFactory(new SessionSettings { IntraOpThreads = options.Threads });
            using var session = factory.Create(model.Package.PathOf(Kaleido.Runtime.Package.PackageFileRoles.Denoiser), "denoiser.onnx");
            var c = DenoiserSideBySide.Run(model, input, session, options.Repetitions);
            TableSection("Denoiser step, batch 2, same weights and inputs (ms)",
                "| side | median (IQR, min–max) | GFLOP/s | % of matmul peak |", "|---|---|---:|---:|");
            Console.WriteLine($"| TorchSharp eager | {Measure.Text(c.TorchMilliseconds)} | {Gflops(flops, c.TorchMilliseconds.Median)} | {PeakShare(flops, c.TorchMilliseconds.Median)} |");
            Console.WriteLine($"| ours (DenoiserSession, ORT) | {Measure.Text(c.OursMilliseconds)} | {Gflops(flops, c.OursMilliseconds.Median)} | {PeakShare(flops, c.OursMilliseconds.Median)} |");
            Console.WriteLine($"Ratio ours / TorchSharp: **{c.Ratio:0.00}** (target ≤ 0.5). Outputs agree to relative error {c.RelativeError:E1}.");
        }

        if (options.Has("variants"))
        {
            Measure.Settle();
            TableSection("Denoiser session options (batch-2 step, ms; create = session creation incl. optimisation)",
                "| variant | create ms | step median (IQR, min–max) |", "|---|---:|---|");
            foreach (var v in SessionVariants.Run(model, input, options.Threads, options.Repetitions))
                Console.WriteLine($"| {v.Name} | {v.CreateMilliseconds:0} | {Measure.Text(v.StepMilliseconds)} |");
        }

        if (options.Has("prior"))
        {
            Measure.Settle();
            TableSection("Prior decoding, greedy, exactly N tokens (tokens/s)",
                "| N | GenAI, KV cache | GenAI setup ms | TorchSharp eager, no cache | GenAI / TorchSharp |", "|---:|---|---:|---|---:|");
            foreach (var p in PriorSideBySide.Run(model, options.Lengths, options.Repetitions))
                Console.WriteLine($"| {p.Tokens}{(p.GenAiTokensMade == p.Tokens ? "" : $" (GenAI made {p.GenAiTokensMade})")} | {Measure.Text(p.GenAiTokensPerSecond, "0")} | {p.GenAiSetupMilliseconds.Median:0.0} | " +
                                  $"{Measure.Text(p.TorchTokensPerSecond, "0")} | {p.Speedup:0.0} |");
        }
        return 0;
    }

    /// <summary>Starts a report section that is one Markdown table: blank line, heading, column names, alignment row.</summary>
    static void TableSection(string heading, string columns, string alignment)
    {
        Console.WriteLine();
        Console.WriteLine($"## {heading}");
        Console.WriteLine(columns);
        Console.WriteLine(alignment);
    }

    static void PrintOperators(OperatorTime[] operators, int nodesPerStep)
    {
        Console.WriteLine($"{nodesPerStep} nodes run per step; profiled node time {operators.Sum(o => o.MicrosecondsPerStep) / 1000:0.0} ms per step " +
                          "(the profiler's own overhead inflates small nodes).");
        Console.WriteLine("| operator | nodes | µs per step | share |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var op in operators.Take(12))
            Console.WriteLine($"| {op.Operator} | {op.NodesPerStep} | {op.MicrosecondsPerStep:0} | {op.Share:P1} |");
    }

    static string Gflops(double? flops, double ms) => flops is { } f ? (f / (ms * 1e6)).ToString("0.0") : "–";

    static string PeakShare(double? flops, double ms) => flops is { } f ? (f / (ms * 1e6) / PeakGflops).ToString("P1") : "–";

    sealed record Options(string Preset, string Tokenizer, int Repetitions, int Threads, int[] Lengths, string[] Sections)
    {
        public bool Has(string section) => Sections.Contains(section);

        public static Options? Parse(string[] args)
        {
            var o = new Options("shapes", "tests/fixtures/tiny-kaleido", 20, 2, [16, 32, 64, 126], ["peak", "profile", "denoiser", "variants", "prior"]);
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                string value = args[i + 1];
                o = args[i] switch
                {
                    "--preset" => o with { Preset = value },
                    "--tokenizer" => o with { Tokenizer = value },
                    "--repetitions" => o with { Repetitions = int.Parse(value) },
                    "--threads" => o with { Threads = int.Parse(value) },
                    "--lengths" => o with { Lengths = value.Split(',').Select(int.Parse).ToArray() },
                    "--sections" => o with { Sections = value.Split(',') },
                    _ => null,
                };
                if (o is null)
                    return null;
            }
            return args.Length % 2 == 0 && o.Repetitions > 0 && o.Threads > 0 ? o : null;
        }
    }
}
