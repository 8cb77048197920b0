namespace Kaleido.Cli.Output;

/// <summary>Command lines a user can paste back into a POSIX shell.</summary>
static class ShellWords
{
    /// <summary><paramref name="word"/> as one shell word: bare when safe, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '=' or '@')
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary><c>kaleido</c> followed by <paramref name="arguments"/>, each quoted.</summary>
    public static string KaleidoCommand(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote).Prepend("kaleido"));
}
