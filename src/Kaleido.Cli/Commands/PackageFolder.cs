using Kaleido.Runtime.Package;

namespace Kaleido.Cli.Commands;

/// <summary>Finds and loads the model package named by --model (or the default folder), with messages that say which path was used.</summary>
static class PackageFolder
{
    /// <exception cref="PackageException">The folder is missing or unreadable, or the package fails its checks.</exception>
    public static ModelPackage Load(CommandContext context, string? model)
    {
        string folder = context.Resolve(model ?? ModelOptions.DefaultModelFolder);
        if (!Directory.Exists(folder))
            throw new PackageException(model is null
                ? $"No model package at '{folder}' (the default, {ModelOptions.DefaultModelFolder} under the current folder); pass --model DIR to use another package folder."
                : $"Model package folder '{folder}' (from --model {model}) does not exist.");
        try
        {
            return ModelPackage.Load(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException($"Cannot read model package '{folder}': {e.Message}");
        }
    }
}
