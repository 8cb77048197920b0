using Kaleido.Runtime.Pipeline;

namespace Kaleido.Runtime.Tests.Pipeline;

/// <summary>The tiny Kaleido fixture opened once per test class (sessions are meant to be reused).</summary>
public sealed class TinyKaleidoPipeline : IDisposable
{
    public KaleidoPipeline Pipeline { get; } = KaleidoPipeline.Open(FixturePackages.Load(FixturePackages.TinyKaleido));

    public void Dispose() => Pipeline.Dispose();
}
