using Kaleido.Runtime.Package;

namespace Kaleido.Fuzz.Targets;

/// <summary>
/// <see cref="ModelPackage.Load"/> on a package folder whose kaleido.json is the input: the manifest is read,
/// validated, and each file it lists resolved, looked for and hashed.
/// </summary>
/// <remarks>
/// The folder also holds an empty file for each name of models/kaleido-shapes, so a manifest listing them with
/// size 0 and the SHA-256 of nothing (<see cref="EmptySha256"/>) loads: the fuzzer can reach acceptance.
/// </remarks>
public sealed class PackageManifestTarget : FuzzTarget
{
    public const string TargetName = "package-manifest";

    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static readonly string[] EmptyFiles =
        ["encoder.onnx", "decoder.onnx", "genai_config.json", "denoiser.onnx", "kaleido-tokenizer.json", "tokenizer.tiktoken"];

    readonly string _folder;

    public PackageManifestTarget(ScratchFolder scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        _folder = Path.Combine(scratch.Path, "package");
        foreach (string name in EmptyFiles)
            scratch.Write(Path.Combine("package", name), []);
    }

    public override string Name => TargetName;

    public override Type DocumentedException => typeof(PackageException);

    // A message names the manifest or the package folder, so a user knows which package is at fault.
    public override IReadOnlyList<string> InputNames => [ModelPackage.ManifestFileName, _folder];

    protected override void Read(byte[] input)
    {
        File.WriteAllBytes(Path.Combine(_folder, ModelPackage.ManifestFileName), input);
        ModelPackage.Load(_folder);
    }
}
