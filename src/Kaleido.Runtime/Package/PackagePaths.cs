namespace Kaleido.Runtime.Package;

/// <summary>Keeps every path a manifest names inside its package folder.</summary>
public static class PackagePaths
{
    /// <summary>
    /// The absolute path of <paramref name="relative"/> inside <paramref name="root"/>.
    /// </summary>
    /// <exception cref="PackageException">The path is absolute, empty, or leaves the folder.</exception>
    public static string Resolve(string root, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative))
            throw new PackageException("A package file path is empty; expected a path relative to the package folder.");
        if (Path.IsPathRooted(relative) || relative.Contains('\\'))
            throw new PackageException(
                $"Package file path '{relative}' must be relative to the package folder, with '/' separators.");
        string rootFull = Path.GetFullPath(root);
        string full = Path.GetFullPath(Path.Combine(rootFull, relative));
        string prefix = rootFull.EndsWith(Path.DirectorySeparatorChar) ? rootFull : rootFull + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
            throw new PackageException($"Package file path '{relative}' leaves the package folder.");
        return full;
    }
}
