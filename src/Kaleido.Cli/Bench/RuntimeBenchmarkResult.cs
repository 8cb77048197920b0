using Kaleido.Runtime;

namespace Kaleido.Cli.Bench;

/// <summary>Everything <see cref="RuntimeBenchmark"/> measured; times in milliseconds unless the name says otherwise.</summary>
public sealed record RuntimeBenchmarkResult
{
    public required string ModelId { get; init; }
    public required RuntimeBenchmarkSettings Settings { get; init; }

    /// <summary>The threads the sessions got: --threads, or what 0 chose from the idle CPUs (<see cref="Kaleido.Runtime.Sessions.IntraOpThreading"/>).</summary>
    public required Kaleido.Runtime.Sessions.IntraOpThreading Threading { get; init; }

    /// <summary>The first <c>KaleidoPipeline.Open</c> in this process: package verification (SHA-256 of every file), sessions ready, native libraries loaded.</summary>
    public required double FirstOpenMilliseconds { get; init; }

    /// <summary>Later opens of the same package in the same process (native libraries already loaded, files in the page cache).</summary>
    public required TimingSummary ReopenMilliseconds { get; init; }

    /// <summary>Cold start, part 1: <c>ModelPackage.Load</c> (manifest read, size and SHA-256 of every file).</summary>
    public required TimingSummary VerifyMilliseconds { get; init; }

    /// <summary>Cold start, part 2: the ORT sessions (encoder, decoder, denoiser) created and checked.</summary>
    public required TimingSummary SessionsMilliseconds { get; init; }

    /// <summary>Cold start, part 3: GenAI's model (it loads decoder.onnx again); null for baselines.</summary>
    public TimingSummary? GenAiModelMilliseconds { get; init; }

    /// <summary>Caption → fixed-length ids → encoder states.</summary>
    public required TimingSummary TokenizeEncodeMilliseconds { get; init; }

    /// <summary>GenAI sampling (KV cache, CPU), one generator per draw; null for baselines.</summary>
    public TimingSummary? PriorTokensPerSecond { get; init; }

    /// <summary>Median tokens per draw (latent tokens plus eos when reached).</summary>
    public double? PriorTokensPerDraw { get; init; }

    /// <summary>One decoder.onnx call over [start, z…] padded to Ld; null for baselines.</summary>
    public TimingSummary? TeacherForcedMilliseconds { get; init; }

    /// <summary>Rows per denoiser call (2: one guided image, B = 1).</summary>
    public required int DenoiserRows { get; init; }

    /// <summary>Wall time of one loop step: model call plus guidance and sampler math.</summary>
    public required TimingSummary LoopStepMilliseconds { get; init; }

    /// <summary>Time inside the model call per step (ORT RunWithBinding plus the x_t / v copies).</summary>
    public required TimingSummary ModelCallMilliseconds { get; init; }

    /// <summary>Our own code's share of the loop's time: (loop − inside the model) / loop, per repetition.</summary>
    public required TimingSummary OwnCodeShare { get; init; }

    /// <summary>Whole images (prompt → x_0) per second through <c>KaleidoPipeline.Generate</c>; null when it could not run.</summary>
    public TimingSummary? ImagesPerSecond { get; init; }

    /// <summary>Why <see cref="ImagesPerSecond"/> is missing (e.g. a random-weight prior whose draws never parse).</summary>
    public string? EndToEndNote { get; init; }

    /// <summary>VmHWM after cold start and the end-to-end images: the pipeline's own peak.</summary>
    public long? PipelinePeakResidentBytes { get; init; }

    /// <summary>VmHWM at the end (the stage probes open a second set of sessions).</summary>
    public long? ProcessPeakResidentBytes { get; init; }
}
