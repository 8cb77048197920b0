namespace Kaleido.Fuzz.Tests;

/// <summary>
/// The committed corpora (tests/fuzz-corpus/TARGET/, copied beside the tests). A file's name says what the
/// reader must do with it: <c>valid-*</c> is accepted; <c>bad-*</c> (a near-valid seed) and <c>crash-*</c> (a
/// crash regression, in regressions/) are rejected with the reader's documented exception.
/// </summary>
static class Corpus
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");

    /// <summary>Every file, as "TARGET/relative path", the form the replay test's name shows.</summary>
    public static IEnumerable<string> Files() =>
        FuzzTargets.Names.SelectMany(target =>
        {
            string folder = Path.Combine(Root, target);
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Select(f => $"{target}/{Path.GetRelativePath(folder, f).Replace('\\', '/')}")
                : [];
        }).Order(StringComparer.Ordinal);

    public static bool MustBeAccepted(string file) => Path.GetFileName(file).StartsWith("valid-", StringComparison.Ordinal);

    public static bool MustBeRejected(string file) =>
        Path.GetFileName(file).StartsWith("bad-", StringComparison.Ordinal)
        || Path.GetFileName(file).StartsWith("crash-", StringComparison.Ordinal);
}
