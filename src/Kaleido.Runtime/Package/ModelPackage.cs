using System.Security.Cryptography;
using System.Text.Json;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Diffusion.Schedules;
using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Package;

/// <summary>
/// A model package folder whose manifest has been read and whose every file has been checked
/// against its recorded size and SHA-256. Nothing runs from a package that has not passed.
/// This is the only code that knows the package's file names.
/// </summary>
public sealed class ModelPackage
{
    /// <summary>The manifest's file name inside a package folder.</summary>
    public const string ManifestFileName = "kaleido.json";

    ModelPackage(string directory, PackageManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
        // Validated before construction: the names below parse.
        Schedule = manifest.Schedule.ToSettings()!;
        LatentKind = manifest.Kind == ModelKind.Kaleido && LatentKindNames.TryParse(manifest.LatentKind, out var kind) ? kind : null;
    }

    /// <summary>Absolute path of the package folder.</summary>
    public string Directory { get; }

    public PackageManifest Manifest { get; }

    /// <summary>The noise schedule the denoiser was trained with, as the diffusion code takes it.</summary>
    public NoiseScheduleSettings Schedule { get; }

    /// <summary>The latent kind a Kaleido package's prior samples and its denoiser reads; null for baselines.</summary>
    public LatentKind? LatentKind { get; }

    /// <summary>The image sides, highest first, each with its schedule shifted by its size over the lowest (SNR' = SNR / s^p).</summary>
    public IReadOnlyList<DenoiseResolution> DenoiseResolutions() =>
        Manifest.Resolutions
            .Select(side => new DenoiseResolution(3 * side * side, NoiseSchedule.CreateForScale(Schedule, (double)side / Manifest.Resolutions[^1])))
            .ToArray();

    /// <summary>Reads and fully verifies the package in <paramref name="directory"/>.</summary>
    /// <exception cref="PackageException">The package is missing, malformed or damaged.</exception>
    public static ModelPackage Load(string directory)
    {
        string root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
            throw new PackageException($"Model package '{directory}' does not exist or is not a folder.");

        PackageManifest manifest = ReadManifest(Path.Combine(root, ManifestFileName));
        PackageManifestValidator.Validate(manifest, ManifestFileName);
        foreach (PackageFile file in manifest.Files)
            VerifyFile(root, file);
        return new ModelPackage(root, manifest);
    }

    /// <summary>The absolute path of the single file with <paramref name="role"/>.</summary>
    public string PathOf(string role)
    {
        PackageFile[] matches = Manifest.Files.Where(f => f.Role == role).ToArray();
        if (matches.Length != 1)
            throw new PackageException(
                $"{ManifestFileName} in '{Directory}' lists {matches.Length} files with role '{role}'; expected exactly one.");
        return Path.Combine(Directory, matches[0].Path);
    }

    /// <summary>The absolute paths of every file with <paramref name="role"/>, in manifest order.</summary>
    public IReadOnlyList<string> PathsOf(string role) =>
        Manifest.Files.Where(f => f.Role == role).Select(f => Path.Combine(Directory, f.Path)).ToArray();

    static PackageManifest ReadManifest(string path)
    {
        if (!File.Exists(path))
            throw new PackageException($"'{path}' is missing: a model package folder holds a {ManifestFileName}.");
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, PackageJsonContext.Default.PackageManifest)
                ?? throw new PackageException($"'{path}' holds null; expected a package manifest object.");
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            throw new PackageException($"'{path}' is not a valid package manifest{where}: {JsonErrorText.Reason(e)}");
        }
    }

    static void VerifyFile(string root, PackageFile file)
    {
        string full = PackagePaths.Resolve(root, file.Path);
        var info = new FileInfo(full);
        if (!info.Exists)
            throw new PackageException($"Package file '{file.Path}' ({file.Role}) is missing from '{root}'.");
        if (info.LinkTarget is not null)
            throw new PackageException($"Package file '{file.Path}' is a symbolic link; packages hold plain files only.");
        if (info.Length != file.Size)
            throw new PackageException(
                $"Package file '{file.Path}' has {info.Length} bytes; {ManifestFileName} records {file.Size} (truncated or replaced?).");
        string actual = PackageHashing.Sha256Hex(full);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new PackageException(
                $"Package file '{file.Path}' has SHA-256 {actual}; {ManifestFileName} records {file.Sha256} (corrupted or tampered with).");
    }
}

/// <summary>Hashing shared by the package reader and writer.</summary>
public static class PackageHashing
{
    /// <summary>The lower-case hex SHA-256 of a file, streamed.</summary>
    public static string Sha256Hex(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
