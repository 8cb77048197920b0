using System.Text;
using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Dataset;

/// <summary>
/// Words for a scene's ground truth: the text latent (a full description: every object's size,
/// colour, shape and rough position, then the background colour and style), the grounded phrase
/// of each object, and the background clause the grounded captions end with.
/// </summary>
public static class SceneDescriber
{
    /// <summary>"Two shapes: a large red circle at the top left and a small blue star in the center, on a white background with stripes."</summary>
    public static TextLatents Describe(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var text = new StringBuilder();
        int count = scene.Objects.Count;
        text.Append(count switch { 1 => "One shape: ", 2 => "Two shapes: ", _ => "Three shapes: " });
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
                text.Append(i == count - 1 ? " and " : ", ");
            SceneObject shape = scene.Objects[i];
            string phrase = ObjectPhrase(shape);
            text.Append("aeiou".Contains(phrase[0]) ? "an " : "a ").Append(phrase).Append(' ').Append(Position(shape));
        }
        text.Append(", ").Append(BackgroundClause(scene)).Append('.');
        return new TextLatents(text.ToString());
    }

    /// <summary>The grounded phrase of an object: "large red circle".</summary>
    public static string ObjectPhrase(SceneObject shape) => $"{shape.Size.Name()} {shape.Color.Name} {shape.Shape.Singular()}";

    /// <summary>"on a white background with stripes", "on a plain black background".</summary>
    public static string BackgroundClause(Scene scene) => scene.Style switch
    {
        BackgroundStyle.Plain => $"on a plain {scene.Background.Name} background",
        BackgroundStyle.Stripes => $"on a {scene.Background.Name} background with stripes",
        BackgroundStyle.Checker => $"on a {scene.Background.Name} background with a checker pattern",
        BackgroundStyle.Dots => $"on a {scene.Background.Name} background with dots",
        _ => throw new ArgumentOutOfRangeException(nameof(scene), scene.Style, "Not a background style."),
    };

    /// <summary>Where the centre is on a 3x3 grid of the image: "at the top left" ... "in the center" ... "at the bottom right".</summary>
    public static string Position(SceneObject shape)
    {
        int column = Third(shape.CenterX), row = Third(shape.CenterY);
        return (row, column) switch
        {
            (0, 0) => "at the top left",
            (0, 1) => "at the top",
            (0, _) => "at the top right",
            (1, 0) => "on the left",
            (1, 1) => "in the center",
            (1, _) => "on the right",
            (_, 0) => "at the bottom left",
            (_, 1) => "at the bottom",
            _ => "at the bottom right",
        };

        static int Third(double coordinate) => Math.Clamp((int)Math.Floor(coordinate * 3), 0, 2);
    }
}
