using Kaleido.Runtime.Files;
using System.Text.Json;

namespace Kaleido.Runtime.Package;

/// <summary>
/// Writes <c>kaleido.json</c> for files already in a package folder, recording each file's size
/// and SHA-256. The exporter's only way to make a package, so reader and writer cannot drift.
/// </summary>
public static class PackageWriter
{
    /// <summary>
    /// Hashes every (path, role) in <paramref name="files"/> and writes the manifest into
    /// <paramref name="directory"/>, atomically; returns the manifest written.
    /// </summary>
    public static PackageManifest Write(string directory, PackageManifest manifestWithoutFiles,
        IEnumerable<(string Path, string Role)> files)
    {
        string root = Path.GetFullPath(directory);
        PackageFile[] entries = files
            .Select(f =>
            {
                string full = PackagePaths.Resolve(root, f.Path);
                return new PackageFile(f.Path, f.Role, new FileInfo(full).Length, PackageHashing.Sha256Hex(full));
            })
            .ToArray();
        PackageManifest manifest = manifestWithoutFiles with { Files = entries };
        PackageManifestValidator.Validate(manifest, ModelPackage.ManifestFileName);

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(manifest, PackageJsonContext.Default.PackageManifest);
        AtomicFile.Write(Path.Combine(root, ModelPackage.ManifestFileName), stream => stream.Write(json));
        return manifest;
    }
}
