using System.Security.Cryptography;
using Kaleido.Runtime.Package;

namespace Kaleido.Cli.Output;

/// <summary>
/// Which model made a file: its id and the SHA-256 of its <c>kaleido.json</c>. The manifest lists every package
/// file's SHA-256 and <see cref="ModelPackage.Load"/> checks them, so this one hash stands for the whole package.
/// </summary>
public sealed record PackageIdentity(string ModelId, string ManifestSha256)
{
    public static PackageIdentity Of(ModelPackage package)
    {
        string manifest = Path.Combine(package.Directory, ModelPackage.ManifestFileName);
        try
        {
            return new PackageIdentity(package.Manifest.ModelId, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(manifest))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException($"Cannot read '{manifest}': {e.Message}");
        }
    }
}
