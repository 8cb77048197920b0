using Kaleido.Fuzz.Targets;

namespace Kaleido.Fuzz;

/// <summary>Every target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } =
        [LatentsParserTarget.TargetName, LatentsDocumentTarget.TargetName, PromptFileTarget.TargetName,
         PackageManifestTarget.TargetName, PngMetadataTarget.TargetName];

    /// <summary>The target called <paramref name="name"/>; file targets write their input into <paramref name="scratch"/>.</summary>
    public static FuzzTarget? Create(string name, ScratchFolder scratch) => name switch
    {
        LatentsParserTarget.TargetName => new LatentsParserTarget(),
        LatentsDocumentTarget.TargetName => new LatentsDocumentTarget(),
        PromptFileTarget.TargetName => new PromptFileTarget(scratch),
        PackageManifestTarget.TargetName => new PackageManifestTarget(scratch),
        PngMetadataTarget.TargetName => new PngMetadataTarget(scratch),
        _ => null,
    };
}
