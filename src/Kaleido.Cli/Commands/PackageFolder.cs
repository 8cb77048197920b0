using Kaleido.Runtime.Package;

namespace Kaleido.Cli.Commands;

/// <summary>Finds and loads the model package named by --model (or the default folder), with messages that say which path was used.</summary>
static class PackageFolder
{
    /// <summary>
    /// The package folder: --model, else <c>KALEIDO_MODEL</c>, else <see cref="ModelOptions.DefaultModelFolder"/> under
    /// the current folder, else under the binary's folder (so a published binary run from elsewhere finds the model
    /// shipped beside it).
    /// </summary>
    /// <exception cref="PackageException">The folder is missing or unreadable, or the package fails its checks.</exception>
    public static ModelPackage Load(CommandContext context, string? model)
    {
        string folder = Find(context, model);
        try
        {
            return ModelPackage.Load(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException($"Cannot read model package '{folder}': {e.Message}");
        }
    }

    static string Find(CommandContext context, string? model)
    {
        if (model is not null)
        {
            string given = context.Resolve(model);
            return Directory.Exists(given) ? given
                : throw new PackageException($"Model package folder '{given}' (from --model {model}) does not exist.");
        }
        if (context.Variable(CommandContext.ModelVariable) is { } variable)
        {
            string named = context.Resolve(variable);
            return Directory.Exists(named) ? named
                : throw new PackageException($"Model package folder '{named}' (from {CommandContext.ModelVariable}={variable}) does not exist.");
        }
        string inWorkingFolder = context.Resolve(ModelOptions.DefaultModelFolder);
        string besideBinary = Path.GetFullPath(ModelOptions.DefaultModelFolder, context.BinaryDirectory);
        if (Directory.Exists(inWorkingFolder))
            return inWorkingFolder;
        if (Directory.Exists(besideBinary))
            return besideBinary;
        throw new PackageException(
            $"No model package at '{inWorkingFolder}' nor '{besideBinary}' (the default, {ModelOptions.DefaultModelFolder} under the " +
            $"current folder or the binary's); pass --model DIR or set {CommandContext.ModelVariable} to use another package folder.");
    }
}
