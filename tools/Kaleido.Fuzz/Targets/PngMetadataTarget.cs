using Kaleido.Runtime.Imaging;

namespace Kaleido.Fuzz.Targets;

/// <summary><see cref="PngMetadataReader.Read"/> on an image file holding the input.</summary>
public sealed class PngMetadataTarget(ScratchFolder scratch) : InputFileTarget(scratch, "image.png")
{
    public const string TargetName = "png-metadata";

    public override string Name => TargetName;

    public override Type DocumentedException => typeof(ImageMetadataException);

    protected override void ReadFile(string path) => PngMetadataReader.Read(path);
}
