using System.Diagnostics;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Sessions;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>info --deep</c>: what the hashes cannot prove. A package whose files were damaged and whose hashes were then
/// re-signed passes the cheap check; here every session and GenAI's model are opened and one image is made with one
/// denoising step, as <c>generate</c> would make it, so a graph that does not load or run fails now (exit 3).
/// </summary>
static class PackageDeepCheck
{
    /// <summary>Any caption will do; this one names what every shapes model knows.</summary>
    public const string Caption = "a red circle";

    /// <param name="Seconds">Opening the sessions and making the image.</param>
    /// <param name="Latents">The latents the prior drew (Kaleido packages), else null.</param>
    public sealed record Result(double Seconds, string? Latents);

    /// <exception cref="PackageException">A session does not open, or the image is not finite.</exception>
    public static Result Run(ModelPackage package, SessionSettings settings)
    {
        var clock = Stopwatch.StartNew();
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(package, settings);
        var render = new RenderSettings { Steps = 1 };
        RenderedImage image = pipeline.HasPrior
            ? pipeline.Render(pipeline.SampleLatents(Caption, seed: 0, index: 0, render: render), seed: 0, index: 0, render)
            : pipeline.Render(null, Caption, seed: 0, index: 0, render);
        int bad = image.Pixels.Count(v => !float.IsFinite(v));
        if (bad > 0)
            throw new PackageException(
                $"Package '{package.Directory}' loads but its denoiser made {bad} non-finite pixel value(s) of {image.Pixels.Length} " +
                "for a one-step image: its weights are damaged.");
        return new Result(clock.Elapsed.TotalSeconds, image.Latents?.Latents.ToText());
    }
}
