using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Evaluation;

/// <summary>
/// One connected region of a colour: its box in the latents' [0, 1000] coordinates, its area in pixels
/// (the sum of the coverage α over its pixels) and how many of its pixels are mostly that colour.
/// </summary>
public sealed record DetectedRegion(BoundingBox Box, double Area, int CorePixels);
