using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Output;

/// <summary>
/// The files <c>generate</c> writes for one image: its PNG and, for Kaleido packages, its latents document, both
/// made by the same settings.
/// </summary>
sealed record ImageUnits(OutputUnit Png, OutputUnit? Latents)
{
    public static ImageUnits For(ModelIdentity model, PlannedRecord record, ImageIdentity image, bool hasLatents, PlanPosition position)
    {
        UnitSettings settings = UnitSettings.ForPrompt(model, record, image);
        return new ImageUnits(
            new OutputUnit(image.ImageFileName, ManifestEntry.ImageKind, settings, position),
            hasLatents ? new OutputUnit(image.LatentsFileName, ManifestEntry.LatentsKind, settings, position) : null);
    }

    /// <summary>Latents first: a PNG on disk always has its latents file beside it.</summary>
    public IEnumerable<OutputUnit> All => Latents is null ? [Png] : [Latents, Png];
}
