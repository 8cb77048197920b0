using System.Text;

namespace Kaleido.Tools.Dataset;

/// <summary>
/// The condition c: a short caption that names every object once but leaves most attributes out,
/// so one caption fits many scenes (many modes for the latents to tell apart). Grammar in
/// docs/dataset.md:
/// <code>
/// caption    = groups [ " on a " background ]
/// groups     = group | group " and " group | group ", " group " and " group
/// group      = count " " [ size " " ] [ colour " " ] noun      (count agrees with noun)
/// count      = "a" | "an" | "two" | "three"
/// noun       = shape word (singular or plural) | "shape" | "shapes"
/// background = [ bg-colour " " ] [ style-adjective " " ] "background"   (at least one of the two)
/// </code>
/// Objects whose kept words are the same merge into one group with a count ("two red squares");
/// groups come in a canonical order, so the same words give the same caption.
/// </summary>
public static class CaptionWriter
{
    /// <summary>How often each attribute is kept: shapes mostly named, the rest mostly dropped.</summary>
    public const double KeepShape = 0.6, KeepColor = 0.3, KeepSize = 0.2, KeepBackground = 0.2;

    public static string Write(Scene scene, SceneRandom random)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(random);

        // 1. Each object's kept words; equal words merge into a counted group.
        var groups = new List<(string? Size, string? Color, ShapeKind? Shape, int Count)>();
        foreach (SceneObject shape in scene.Objects)
        {
            string? size = random.Chance(KeepSize) ? shape.Size.Name() : null;
            string? color = random.Chance(KeepColor) ? shape.Color.Name : null;
            ShapeKind? kind = random.Chance(KeepShape) ? shape.Shape : null;
            int existing = groups.FindIndex(g => g.Size == size && g.Color == color && g.Shape == kind);
            if (existing >= 0)
                groups[existing] = groups[existing] with { Count = groups[existing].Count + 1 };
            else
                groups.Add((size, color, kind, 1));
        }

        // 2. In a canonical order (named shapes in enum order before "shape", then colour, then size),
        //    so "a square and a shape" is never also written "a shape and a square"; then joined:
        //    "A", "A and B", "A, B and C".
        groups = groups
            .OrderBy(g => g.Shape is { } k ? (int)k : int.MaxValue)
            .ThenBy(g => g.Color ?? "~", StringComparer.Ordinal)
            .ThenBy(g => g.Size ?? "~", StringComparer.Ordinal)
            .ToList();
        var caption = new StringBuilder();
        for (int i = 0; i < groups.Count; i++)
        {
            if (i > 0)
                caption.Append(i == groups.Count - 1 ? " and " : ", ");
            (string? size, string? color, ShapeKind? kind, int count) = groups[i];
            string noun = kind is { } k
                ? (count == 1 ? k.Singular() : k.Plural())
                : (count == 1 ? "shape" : "shapes");
            string rest = string.Join(' ', new[] { size, color, noun }.Where(word => word is not null));
            caption.Append(CountWord(count, rest)).Append(' ').Append(rest);
        }

        // 3. Sometimes the background: its colour, its style, or both.
        if (random.Chance(KeepBackground))
        {
            bool keepColor = random.Chance(0.5);
            bool keepStyle = !keepColor || random.Chance(0.5);
            caption.Append(" on a ");
            if (keepColor) caption.Append(scene.Background.Name).Append(' ');
            if (keepStyle) caption.Append(scene.Style.Adjective()).Append(' ');
            caption.Append("background");
        }
        return caption.ToString();
    }

    static string CountWord(int count, string following) => count switch
    {
        1 => "aeiou".Contains(following[0]) ? "an" : "a",
        2 => "two",
        3 => "three",
        _ => throw new ArgumentOutOfRangeException(nameof(count), count, $"A scene has at most {Scene.MaxObjects} objects."),
    };
}
