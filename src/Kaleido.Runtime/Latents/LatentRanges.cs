namespace Kaleido.Runtime.Latents;

/// <summary>Value ranges of the spatial latents (Appendix A).</summary>
public static class LatentRanges
{
    /// <summary>Coordinates and radii are normalised to [0, 1000] of the image side.</summary>
    public const int CoordinateMax = 1000;

    /// <summary>theta is in [0, 180) degrees: an ellipse turned by 180 degrees is the same ellipse.</summary>
    public const int ThetaLimit = 180;
}
