using System.Text.RegularExpressions;

namespace Kaleido.Export.Evaluation;

/// <summary>
/// The attributes the feature classifier learns for one image of the shapes dataset (docs/dataset.md):
/// which shapes and which object colours are present (multi-label: several objects can share a shape or a colour),
/// and the background colour and style (one class each).
/// </summary>
public sealed record SceneAttributes(bool[] Shapes, bool[] Colors, int Background, int Style)
{
    /// <summary>Shape words, in the dataset's table order.</summary>
    public static IReadOnlyList<string> ShapeWords { get; } = ["circle", "square", "triangle", "star", "ellipse", "cross"];

    /// <summary>Object colour words, in the palette's order.</summary>
    public static IReadOnlyList<string> ColorWords { get; } = ["red", "orange", "yellow", "green", "blue", "purple"];

    /// <summary>Background colour words.</summary>
    public static IReadOnlyList<string> BackgroundWords { get; } = ["white", "gray", "black", "beige"];

    /// <summary>Background styles, named by how the latents' background clause says them.</summary>
    public static IReadOnlyList<string> StyleWords { get; } = ["plain", "stripes", "a checker pattern", "dots"];

    /// <summary>Logits per image: shapes, then colours, then background classes, then style classes.</summary>
    public static int LogitCount => ShapeWords.Count + ColorWords.Count + BackgroundWords.Count + StyleWords.Count;

    // The tail every detailed description and grounded caption ends with (the dataset's SceneDescriber):
    // "on a plain <colour> background." or "on a <colour> background with stripes | a checker pattern | dots."
    private static readonly Regex BackgroundClause = new(
        @"\bon an? (?:plain (?<color>\w+) background|(?<color>\w+) background with (?<style>[a-z ]+?))\.?\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex Word = new(@"[a-z]+", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads the attributes from a text, bbox or blob latent of the dataset ("Three shapes: a medium purple triangle on
    /// the left, ... on a plain white background."): every shape and colour word before the background clause, and the
    /// clause's style and colour. Throws <see cref="EvaluationInputException"/> when the text does not have that form.
    /// </summary>
    public static SceneAttributes Parse(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        // Combined latents are "text | bbox | voken": the text part says everything.
        string text = description.Split(" | ")[0];
        var clause = BackgroundClause.Match(text);
        if (!clause.Success)
            throw new EvaluationInputException(
                $"the latents '{Shorten(text)}' do not end with 'on a plain <colour> background.' or 'on a <colour> background with <style>.'; " +
                "expected the shapes dataset's text, bbox, blob or combined latents.");
        var styleGroup = clause.Groups["style"];
        int style = styleGroup.Success ? IndexOf(StyleWords, styleGroup.Value, "background style", text) : 0;
        int background = IndexOf(BackgroundWords, clause.Groups["color"].Value, "background colour", text);

        var shapes = new bool[ShapeWords.Count];
        var colors = new bool[ColorWords.Count];
        foreach (Match word in Word.Matches(text[..clause.Index]))
        {
            int shape = IndexOfWord(ShapeWords, word.Value);
            if (shape >= 0)
                shapes[shape] = true;
            int color = IndexOfWord(ColorWords, word.Value);
            if (color >= 0)
                colors[color] = true;
        }
        if (!shapes.Contains(true) || !colors.Contains(true))
            throw new EvaluationInputException(
                $"the latents '{Shorten(text)}' name no {(shapes.Contains(true) ? "colour" : "shape")}; every object of the shapes dataset has both.");
        return new SceneAttributes(shapes, colors, background, style);
    }

    /// <summary>The multi-label targets, shapes then colours, as 0/1 floats.</summary>
    public float[] PresenceTargets() => [.. Shapes.Select(b => b ? 1f : 0f), .. Colors.Select(b => b ? 1f : 0f)];

    private static int IndexOf(IReadOnlyList<string> words, string value, string what, string text)
    {
        int index = IndexOfWord(words, value);
        return index >= 0
            ? index
            : throw new EvaluationInputException(
                $"the latents '{Shorten(text)}' have the {what} '{value}'; expected one of {string.Join(", ", words)}.");
    }

    private static int IndexOfWord(IReadOnlyList<string> words, string value)
    {
        for (int i = 0; i < words.Count; i++)
        {
            if (string.Equals(words[i], value, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
