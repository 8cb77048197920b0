namespace Kaleido.Tools.Tests.Evaluation;

/// <summary>The checkout's root: the first folder above the test binaries that holds Kaleido.Runtime.sln.</summary>
static class RepositoryRoot
{
    public static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Kaleido.Runtime.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Kaleido.Runtime.sln above '{AppContext.BaseDirectory}'.");
    }
}
