namespace Kaleido.Runtime.Package;

/// <summary>Keeps every path a manifest names inside its package folder.</summary>
public static class PackagePaths
{
    /// <summary>
    /// The absolute path of <paramref name="relative"/> inside <paramref name="root"/>.
    /// </summary>
    /// <exception cref="PackageException">The path is absolute, empty, or leaves the folder; the message names the folder's manifest.</exception>
    public static string Resolve(string root, string relative)
    {
        string manifest = Path.Combine(root, ModelPackage.ManifestFileName);
        if (string.IsNullOrWhiteSpace(relative))
            throw new PackageException($"'{manifest}' names an empty package file path; expected a path relative to the package folder.");
        if (Path.IsPathRooted(relative) || relative.Contains('\\'))
            throw new PackageException(
                $"'{manifest}' names package file path '{relative}'; expected a path relative to the package folder, with '/' separators.");
        string rootFull = Path.GetFullPath(root);
        string full = Path.GetFullPath(Path.Combine(rootFull, relative));
        string prefix = rootFull.EndsWith(Path.DirectorySeparatorChar) ? rootFull : rootFull + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
            throw new PackageException($"'{manifest}' names package file path '{relative}', which leaves the package folder.");
        return full;
    }
}
