using System.Diagnostics;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Diffusion.Noise;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Text;

using Kaleido.Runtime;

namespace Kaleido.Cli.Bench;

/// <summary>
/// Times one package stage by stage (docs/benchmarks.md): cold start, tokenizer + encoder, GenAI prior sampling,
/// the teacher-forced decoder, the guided denoising loop (with the model's share of it) and whole images.
/// Each stage gets one unmeasured warm-up, then <see cref="RuntimeBenchmarkSettings.Repetitions"/> measured runs.
/// The stages are driven through the same public classes the pipeline uses, so a random-weight prior whose draws
/// never parse still gets its sampling and the denoiser measured.
/// </summary>
public static class RuntimeBenchmark
{
    /// <param name="log">Told what is being measured, for a progress line; may be null.</param>
    public static RuntimeBenchmarkResult Run(string packageDirectory, RuntimeBenchmarkSettings settings, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        int n = settings.Repetitions;

        // 1. Cold start: verify the package and open every session, as `generate` does before its first image.
        log?.Invoke("cold start");
        long start = Stopwatch.GetTimestamp();
        KaleidoPipeline pipeline = KaleidoPipeline.Open(ModelPackage.Load(packageDirectory), settings.Sessions);
        double firstOpen = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var reopen = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            pipeline.Dispose();
            start = Stopwatch.GetTimestamp();
            pipeline = KaleidoPipeline.Open(ModelPackage.Load(packageDirectory), settings.Sessions);
            reopen.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        using (pipeline)
        {
            // 2. Whole images through Generate, one image per request as the CLI makes them.
            log?.Invoke("end to end");
            var (imagesPerSecond, endToEndNote) = MeasureEndToEnd(pipeline, settings);
            long? pipelinePeak = ProcessMemory.PeakResidentBytes();

            // 3–6. The stages on their own: the same stage objects the pipeline runs, from its loaded model.
            LoadedModel model = pipeline.Model;
            var package = model.Package;
            var stages = new StageProbe(model, settings);
            log?.Invoke("cold start parts");
            var parts = MeasureOpenParts(packageDirectory, settings);
            log?.Invoke("tokenizer + encoder");
            TimingSummary encode = stages.MeasureEncode();
            TimingSummary? prior = null, teacherForced = null;
            double? tokensPerDraw = null;
            if (package.Manifest.Kind == ModelKind.Kaleido)
            {
                log?.Invoke("prior sampling");
                (prior, tokensPerDraw) = stages.MeasurePrior();
                log?.Invoke("teacher-forced decoder");
                teacherForced = stages.MeasureTeacherForced();
            }
            log?.Invoke("denoising loop");
            var loop = stages.MeasureLoop();

            return new RuntimeBenchmarkResult
            {
                ModelId = package.Manifest.ModelId,
                Settings = settings,
                Threading = pipeline.Model.Threading,
                FirstOpenMilliseconds = firstOpen,
                ReopenMilliseconds = TimingSummary.Of(reopen),
                VerifyMilliseconds = parts.Verify,
                SessionsMilliseconds = parts.Sessions,
                GenAiModelMilliseconds = parts.GenAi,
                TokenizeEncodeMilliseconds = encode,
                PriorTokensPerSecond = prior,
                PriorTokensPerDraw = tokensPerDraw,
                TeacherForcedMilliseconds = teacherForced,
                DenoiserRows = 2,
                LoopStepMilliseconds = loop.Step,
                ModelCallMilliseconds = loop.ModelCall,
                OwnCodeShare = loop.OwnShare,
                ImagesPerSecond = imagesPerSecond,
                EndToEndNote = endToEndNote,
                PipelinePeakResidentBytes = pipelinePeak,
                ProcessPeakResidentBytes = ProcessMemory.PeakResidentBytes(),
            };
        }
    }

    /// <summary>Where cold start goes: verifying the package, opening the ORT sessions, loading GenAI's model.</summary>
    static (TimingSummary Verify, TimingSummary Sessions, TimingSummary? GenAi) MeasureOpenParts(string directory, RuntimeBenchmarkSettings settings)
    {
        var verify = new List<double>();
        var open = new List<double>();
        var genAi = new List<double>();
        for (int i = 0; i < settings.Repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var package = ModelPackage.Load(directory);
            verify.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            using (PackageSessions.Open(package, new OrtSessionFactory(settings.Sessions)))
                open.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (package.Manifest.Kind != ModelKind.Kaleido)
                continue;
            SpecialTokens t = package.Manifest.Tokens;
            start = Stopwatch.GetTimestamp();
            using (new GenAiTokenSampler(Path.GetDirectoryName(package.PathOf(PackageFileRoles.GenAiConfig))!, t.DecoderStart, t.Eos, package.Manifest.Prior?.VocabSize ?? 1))
                genAi.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds); // the GenAI model alone, as LoadedModel opens it
        }
        return (TimingSummary.Of(verify), TimingSummary.Of(open), genAi.Count > 0 ? TimingSummary.Of(genAi) : null);
    }

    static (TimingSummary? ImagesPerSecond, string? Note) MeasureEndToEnd(KaleidoPipeline pipeline, RuntimeBenchmarkSettings settings)
    {
        var render = new RenderSettings { Steps = settings.Steps, Guidance = settings.Guidance };
        var seconds = new List<double>(settings.Repetitions);
        try
        {
            for (int i = -1; i < settings.Repetitions; i++) // i = -1: warm-up
            {
                long start = Stopwatch.GetTimestamp();
                pipeline.Generate(new GenerationRequest(settings.Prompt, settings.Seed, [Math.Max(i, 0)]) { Render = render });
                if (i >= 0)
                    seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
        }
        catch (LatentSamplingException e)
        {
            return (null, $"not measured: the prior's draws did not parse ({e.Message})");
        }
        return (TimingSummary.Of(seconds).Inverted(1.0), null);
    }

    /// <summary>The stages measured one by one, on the stage objects of the pipeline's loaded model.</summary>
    sealed class StageProbe(LoadedModel model, RuntimeBenchmarkSettings settings)
    {
        readonly PackageManifest _manifest = model.Manifest;
        EncodedCaption? _caption;

        EncodedCaption Encode() => model.Encoder.Encode(settings.Prompt, truncate: true);

        public TimingSummary MeasureEncode()
        {
            var ms = Repeat(() => _caption = Encode());
            return TimingSummary.Of(ms);
        }

        public (TimingSummary TokensPerSecond, double TokensPerDraw) MeasurePrior()
        {
            GenAiTokenSampler sampler = model.TokenSampler!;
            EncodedCaption caption = _caption ??= Encode();
            int maxTokens = _manifest.Conditioning.MaxLatentTokens;
            var rates = new List<double>(settings.Repetitions);
            var counts = new List<double>(settings.Repetitions);
            for (int i = -1; i < settings.Repetitions; i++)
            {
                long start = Stopwatch.GetTimestamp();
                var (drawn, finished) = sampler.Sample(caption, PriorSeed.Derive(settings.Seed, Math.Max(i, 0), 0), new PriorSamplingSettings(), maxTokens);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                int generated = drawn.Length + (finished ? 1 : 0); // eos is a generated token too
                if (i >= 0)
                {
                    rates.Add(generated / seconds);
                    counts.Add(generated);
                }
            }
            return (TimingSummary.Of(rates), TimingSummary.Of(counts).Median);
        }

        public TimingSummary MeasureTeacherForced()
        {
            TeacherForcedDecoder decoder = model.Decoder!;
            EncodedCaption caption = _caption ??= Encode();
            // A full-length latent sequence: the decoder always runs over the padded Ld, so the ids do not change its cost.
            int vocab = model.Tokenizer.VocabSize;
            int[] latents = Enumerable.Range(0, _manifest.Conditioning.MaxLatentTokens).Select(i => 3 + i % Math.Max(1, vocab - 3)).ToArray();
            return TimingSummary.Of(Repeat(() => decoder.Run(caption, latents)));
        }

        public (TimingSummary Step, TimingSummary ModelCall, TimingSummary OwnShare) MeasureLoop()
        {
            ConditioningSpec spec = _manifest.Conditioning;
            int[] sides = [.. _manifest.Resolutions];
            // Guidance at every step: the step figure is the guided 2-row step's cost, whatever the default cutoff.
            var loopSettings = new RenderSettings { Steps = settings.Steps, Guidance = settings.Guidance, GuidanceCutoff = 0 }.ToLoopSettings();
            int rows = loopSettings.ModelRows(batchSize: 1);
            // Conditioning values do not change the cost; fixed pseudo-random rows keep the graph off any all-zero path.
            var states = new float[rows * spec.Length * spec.Width];
            var random = new Random(7);
            for (int i = 0; i < states.Length; i++)
                states[i] = (float)(random.NextDouble() - 0.5);
            var mask = new long[rows * spec.Length];
            Array.Fill(mask, 1L);
            long[]? tokenObjects = null;
            float[]? regions = null;
            if (spec.Grounding is { } grounding)
            {
                tokenObjects = new long[rows * spec.Length];
                Array.Fill(tokenObjects, -1L); // every token global: the cost is the same
                regions = new float[rows * grounding.MaxObjects * ObjectGrounding.RegionValues];
            }
            var denoiser = new BatchDenoiser(model, loopSettings, [new ImageConditioning(states, mask, tokenObjects, regions)]);

            var timed = new TimedVelocityModel(denoiser);
            var loop = new DenoiseLoop(loopSettings, model.Resolutions, batchSize: 1);
            var samples = sides.Select(s => (Memory<float>)new float[3 * s * s]).ToArray();
            var steps = new List<double>(settings.Repetitions);
            var calls = new List<double>();
            var shares = new List<double>(settings.Repetitions);
            for (int i = -1; i < settings.Repetitions; i++)
            {
                var noise = new KeyedStepNoise([new NoiseKey(settings.Seed, (uint)Math.Max(i, 0), 0, 0)], sides);
                timed.Reset();
                long start = Stopwatch.GetTimestamp();
                loop.Sample(timed, noise, samples);
                double total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (i < 0)
                    continue;
                steps.Add(total / settings.Steps);
                calls.AddRange(timed.CallMilliseconds);
                shares.Add((total - timed.Inside.TotalMilliseconds) / total);
            }
            return (TimingSummary.Of(steps), TimingSummary.Of(calls), TimingSummary.Of(shares));
        }

        List<double> Repeat(Action work)
        {
            work(); // warm-up
            var ms = new List<double>(settings.Repetitions);
            for (int i = 0; i < settings.Repetitions; i++)
            {
                long start = Stopwatch.GetTimestamp();
                work();
                ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return ms;
        }
    }
}
