using System.Security.Cryptography;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Sessions;

namespace Kaleido.Cli.Output;

/// <summary>
/// Which model made a file, and where: its id, the SHA-256 of its <c>kaleido.json</c> (which lists every package
/// file's SHA-256, checked by <see cref="ModelPackage.Load"/>, so this one hash stands for the whole package), and the
/// device (the same seed gives the same bytes on one device, but CUDA's pixels differ slightly from the CPU's).
/// </summary>
public sealed record ModelIdentity(string ModelId, string PackageSha256, string Device)
{
    public static ModelIdentity Of(ModelPackage package, SessionSettings sessions)
    {
        string manifest = Path.Combine(package.Directory, ModelPackage.ManifestFileName);
        try
        {
            return new ModelIdentity(package.Manifest.ModelId, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(manifest))),
                sessions.Device.ToName());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException($"Cannot read '{manifest}': {e.Message}");
        }
    }
}
