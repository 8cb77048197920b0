namespace Kaleido.Runtime.Sessions;

/// <summary>
/// The intra-op threads of a run's sessions and whether idle ones spin. <c>--threads N</c> gives N threads that spin
/// (ONNX Runtime's own default). The default, 0, looks at the machine when the process first opens a model: with two or more idle
/// CPUs, one spinning thread per idle CPU; otherwise one thread, which has no workers to spin. Measured on this
/// project's 2-core VM (docs/benchmarks.md, "Threads on a busy machine"): two spinning threads are the fastest when
/// the machine is quiet and 1.8× slower than one thread when another process keeps a core busy; one thread is 19 %
/// slower than two when quiet. No fixed choice was within 10 % of the best in both.
/// </summary>
/// <param name="Threads">Intra-op threads; 0 leaves the choice to ONNX Runtime (where idle CPUs cannot be read).</param>
/// <param name="Spinning">Whether idle intra-op threads spin (<c>session.intra_op.allow_spinning</c>).</param>
public sealed record IntraOpThreading(int Threads, bool Spinning)
{
    /// <summary>The threading for <paramref name="requested"/> threads (0: by the idle CPUs that <paramref name="idleCores"/> reports).</summary>
    public static IntraOpThreading For(int requested, Func<int?> idleCores)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requested);
        if (requested > 0)
            return new IntraOpThreading(requested, Spinning: true);
        return idleCores() switch
        {
            null => new IntraOpThreading(0, Spinning: true),
            >= 2 and int idle => new IntraOpThreading(idle, Spinning: true),
            _ => new IntraOpThreading(1, Spinning: false),
        };
    }
}
