using Kaleido.Runtime.Imaging;

namespace Kaleido.Fuzz.Targets;

/// <summary><see cref="PngMetadataReader.Read"/> on an image file holding the input.</summary>
public sealed class PngMetadataTarget(ScratchFolder scratch) : FuzzTarget
{
    public const string TargetName = "png-metadata";

    readonly string _path = Path.Combine(scratch.Path, "image.png");

    public override string Name => TargetName;

    public override Type DocumentedException => typeof(ImageMetadataException);

    public override IReadOnlyList<string> InputNames => [_path];

    protected override void Read(byte[] input)
    {
        File.WriteAllBytes(_path, input);
        PngMetadataReader.Read(_path);
    }
}
