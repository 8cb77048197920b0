using System.Text;
using Kaleido.Export.Evaluation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Tests.Evaluation;

/// <summary>
/// The test's own small version of the shapes dataset (this project cannot reference the dataset generator): 32×32
/// scenes of one or two objects (circle, square, triangle or cross, in the dataset's six colours; one on the left
/// half, one on the right, so they never overlap) on the four background colours in the four styles, written as PNGs
/// and a manifest of text latents in the dataset's form.
/// </summary>
internal static class SyntheticShapes
{
    public const int Side = 32;

    private static readonly (byte R, byte G, byte B)[] ObjectColors =
        [(220, 40, 40), (245, 140, 20), (240, 210, 30), (40, 160, 60), (30, 90, 220), (140, 60, 190)];
    private static readonly (byte R, byte G, byte B)[] BackgroundColors =
        [(240, 240, 240), (128, 128, 128), (25, 25, 25), (225, 210, 180)];
    private static readonly int[] DrawnShapes = [0, 1, 2, 5]; // circle, square, triangle, cross

    /// <summary>Writes <paramref name="count"/> scenes under <paramref name="folder"/>; returns the manifest's path.</summary>
    public static string Write(string folder, int count, int seed)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var manifest = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            int background = random.Next(4), style = random.Next(4);
            int objects = 1 + random.Next(2);
            var drawn = new List<(int Shape, int Color, double X, double Y, double R)>();
            for (int o = 0; o < objects; o++)
            {
                double radius = 5 + 2 * random.NextDouble();
                double x = (o == 0 ? 8 : 24) + (random.NextDouble() - 0.5) * 2;
                double y = radius + random.NextDouble() * (Side - 2 * radius);
                drawn.Add((DrawnShapes[random.Next(DrawnShapes.Length)], random.Next(6), x, y, radius));
            }
            using var image = Render(background, style, drawn);
            image.SaveAsPng(Path.Combine(folder, "images", $"{i:D6}.png"));

            string objectsText = string.Join(" and ", drawn.Select(d =>
                $"a {SceneAttributes.ColorWords[d.Color]} {SceneAttributes.ShapeWords[d.Shape]}"));
            string backgroundWord = SceneAttributes.BackgroundWords[background];
            string clause = style == 0
                ? $"on a plain {backgroundWord} background"
                : $"on a {backgroundWord} background with {new[] { "", "stripes", "a checker pattern", "dots" }[style]}";
            string text = $"{(objects == 1 ? "One shape" : "Two shapes")}: {objectsText}, {clause}.";
            manifest.Append($$"""{"format":"kaleido-latents","version":1,"prompt":"a shape","kind":"text","text":"{{text}}","imagePath":"images/{{i:D6}}.png"}""").Append('\n');
        }
        string path = Path.Combine(folder, "manifest-text.jsonl");
        File.WriteAllText(path, manifest.ToString());
        return path;
    }

    private static Image<Rgb24> Render(int background, int style, List<(int Shape, int Color, double X, double Y, double R)> objects)
    {
        var (br, bg, bb) = BackgroundColors[background];
        int target = br > 128 ? 0 : 255;
        var tone = new Rgb24(Toward(br, target), Toward(bg, target), Toward(bb, target));
        var image = new Image<Rgb24>(Side, Side);
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                bool textured = style switch
                {
                    1 => (y / 2) % 2 == 1,
                    2 => (x / 4 + y / 4) % 2 == 1,
                    3 => Math.Pow(x % 4 - 1.5, 2) + Math.Pow(y % 4 - 1.5, 2) <= 1,
                    _ => false,
                };
                var pixel = textured ? tone : new Rgb24(br, bg, bb);
                foreach (var o in objects)
                {
                    if (Inside(o.Shape, x + 0.5 - o.X, y + 0.5 - o.Y, o.R))
                    {
                        var (r, g, b) = ObjectColors[o.Color];
                        pixel = new Rgb24(r, g, b);
                    }
                }
                image[x, y] = pixel;
            }
        }
        return image;
    }

    private static bool Inside(int shape, double dx, double dy, double r) => shape switch
    {
        0 => dx * dx + dy * dy <= r * r,
        1 => Math.Abs(dx) <= 0.75 * r && Math.Abs(dy) <= 0.75 * r,
        2 => dy >= -r && dy <= 0.5 * r && Math.Abs(dx) <= 0.87 * r * (dy + r) / (1.5 * r),
        5 => (Math.Abs(dx) <= r / 3 && Math.Abs(dy) <= r) || (Math.Abs(dy) <= r / 3 && Math.Abs(dx) <= r),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static byte Toward(byte value, int target) => (byte)Math.Round(value + (target - value) * 0.3);
}
