namespace Kaleido.Tools.Sweep;

/// <summary>
/// One model at one guidance scale: FID and precision/recall (k = 3) of its samples against the real set, and the
/// mean over captions of the per-caption attribute coverage. <see cref="Samples"/> counts the images measured;
/// <see cref="Failed"/> those whose latents never parsed (Kaleido only), left out of every metric. <see cref="FidLow"/> and
/// <see cref="FidHigh"/> are the 2.5 % and 97.5 % quantiles of FID over bootstrap resamples of the generated images
/// (<see cref="Metrics.FidBootstrap"/>; 0 in results written before it existed).
/// </summary>
public sealed record SweepCell(
    string Model, float Guidance, double Fid, double Precision, double Recall, double Coverage, int Samples, int Failed, double Seconds,
    double FidLow = 0, double FidHigh = 0);
