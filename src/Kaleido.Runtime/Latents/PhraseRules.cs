namespace Kaleido.Runtime.Latents;

/// <summary>
/// What a grounded phrase must be: non-empty, without whitespace at either end, because the
/// whitespace around a phrase belongs to the separators " " and " (" of the grounded caption.
/// </summary>
public static class PhraseRules
{
    public static string? FindProblem(string? phrase)
    {
        if (phrase is null) return "expected a phrase but found null";
        if (phrase.Length == 0) return "expected a non-empty phrase";
        if (char.IsWhiteSpace(phrase[0]) || char.IsWhiteSpace(phrase[^1]))
            return "expected a phrase without leading or trailing whitespace";
        return FreeText.FindProblem(phrase);
    }
}
