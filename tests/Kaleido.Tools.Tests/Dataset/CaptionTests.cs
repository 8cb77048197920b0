using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Tests.Dataset;

/// <summary>Captions read back with the test's own parser of the documented grammar, then checked against the scene.</summary>
public sealed class CaptionTests
{
    static readonly string[] ObjectColours = ["red", "orange", "yellow", "green", "blue", "purple"];
    static readonly string[] BackgroundColours = ["white", "gray", "black", "beige"];
    static readonly string[] Sizes = ["small", "medium", "large"];
    static readonly Dictionary<string, BackgroundStyle> StyleWords = new()
    {
        ["plain"] = BackgroundStyle.Plain,
        ["striped"] = BackgroundStyle.Stripes,
        ["checkered"] = BackgroundStyle.Checker,
        ["dotted"] = BackgroundStyle.Dots,
    };
    static readonly Dictionary<string, (ShapeKind? Shape, bool Plural)> Nouns = new()
    {
        ["circle"] = (ShapeKind.Circle, false), ["circles"] = (ShapeKind.Circle, true),
        ["square"] = (ShapeKind.Square, false), ["squares"] = (ShapeKind.Square, true),
        ["triangle"] = (ShapeKind.Triangle, false), ["triangles"] = (ShapeKind.Triangle, true),
        ["star"] = (ShapeKind.Star, false), ["stars"] = (ShapeKind.Star, true),
        ["ellipse"] = (ShapeKind.Ellipse, false), ["ellipses"] = (ShapeKind.Ellipse, true),
        ["cross"] = (ShapeKind.Cross, false), ["crosses"] = (ShapeKind.Cross, true),
        ["shape"] = (null, false), ["shapes"] = (null, true),
    };

    sealed record Group(int Count, string? Size, string? Colour, ShapeKind? Shape);

    [Fact]
    public void Captions_FollowTheGrammar_AndNeverContradictTheScene()
    {
        for (int index = 0; index < 400; index++)
        {
            SceneRandom random = SceneRandom.ForImage(5, index);
            Scene scene = SceneSampler.Sample(random);
            string caption = CaptionWriter.Write(scene, random);

            (List<Group> groups, string? backgroundColour, BackgroundStyle? style) = Parse(caption);

            if (backgroundColour is not null) Assert.Equal(scene.Background.Name, backgroundColour);
            if (style is not null) Assert.Equal(scene.Style, style);
            Assert.Equal(scene.Objects.Count, groups.Sum(g => g.Count));
            Assert.True(CanAssign(groups, scene.Objects), $"caption '{caption}' does not fit the scene");
        }
    }

    [Fact]
    public void Captions_DropAttributes_SoOneCaptionFitsManyScenes()
    {
        var captions = new List<string>();
        for (int index = 0; index < 400; index++)
        {
            SceneRandom random = SceneRandom.ForImage(6, index);
            captions.Add(CaptionWriter.Write(SceneSampler.Sample(random), random));
        }

        // Generic nouns, captions without any colour word, and repeated captions all occur.
        Assert.Contains(captions, c => c.Contains("shape"));
        Assert.Contains(captions, c => !ObjectColours.Any(colour => c.Contains(colour)));
        int shared = captions.GroupBy(c => c).Where(g => g.Count() > 1).Sum(g => g.Count());
        Assert.True(shared >= captions.Count / 4, $"only {shared} of {captions.Count} scenes share their caption with another");
        // But each attribute is stated sometimes.
        Assert.Contains(captions, c => Sizes.Any(size => c.Contains(size)));
        Assert.Contains(captions, c => c.Contains("background"));
    }

    static (List<Group> Groups, string? BackgroundColour, BackgroundStyle? Style) Parse(string caption)
    {
        string? backgroundColour = null;
        BackgroundStyle? style = null;
        int on = caption.IndexOf(" on a ", StringComparison.Ordinal);
        string objects = caption;
        if (on >= 0)
        {
            string[] words = caption[(on + " on a ".Length)..].Split(' ');
            Assert.Equal("background", words[^1]);
            Assert.InRange(words.Length, 2, 3);
            foreach (string word in words[..^1])
            {
                if (BackgroundColours.Contains(word) && backgroundColour is null && style is null) backgroundColour = word;
                else if (StyleWords.TryGetValue(word, out BackgroundStyle s) && style is null) style = s;
                else Assert.Fail($"unexpected background word '{word}' in '{caption}'");
            }
            objects = caption[..on];
        }

        string[] parts = objects.Split(" and ");
        Assert.InRange(parts.Length, 1, 2);
        var phrases = parts[0].Split(", ").Concat(parts.Skip(1)).ToList();
        var groups = new List<Group>();
        foreach (string phrase in phrases)
        {
            string[] words = phrase.Split(' ');
            int count = words[0] switch
            {
                "a" or "an" => 1,
                "two" => 2,
                "three" => 3,
                _ => throw new Xunit.Sdk.XunitException($"bad count word in '{caption}'"),
            };
            if (count == 1)
                Assert.Equal("aeiou".Contains(words[1][0]) ? "an" : "a", words[0]);
            int at = 1;
            string? size = at < words.Length - 1 && Sizes.Contains(words[at]) ? words[at++] : null;
            string? colour = at < words.Length - 1 && ObjectColours.Contains(words[at]) ? words[at++] : null;
            Assert.Equal(words.Length - 1, at);
            Assert.True(Nouns.TryGetValue(words[at], out var noun), $"bad noun '{words[at]}' in '{caption}'");
            Assert.Equal(count > 1, noun.Plural);
            groups.Add(new Group(count, size, colour, noun.Shape));
        }
        Assert.Equal(groups.Count, groups.Distinct().Count());
        return (groups, backgroundColour, style);
    }

    /// <summary>Whether each object can be given a group whose stated words it has, filling every group's count.</summary>
    static bool CanAssign(List<Group> groups, IReadOnlyList<SceneObject> objects)
    {
        int options = (int)Math.Pow(groups.Count, objects.Count);
        for (int choice = 0; choice < options; choice++)
        {
            var filled = new int[groups.Count];
            bool fits = true;
            int rest = choice;
            foreach (SceneObject shape in objects)
            {
                Group group = groups[rest % groups.Count];
                filled[rest % groups.Count]++;
                rest /= groups.Count;
                fits &= (group.Size is null || group.Size == SizeWord(shape.Radius))
                        && (group.Colour is null || group.Colour == shape.Color.Name)
                        && (group.Shape is null || group.Shape == shape.Shape);
            }
            if (fits && groups.Select((g, i) => g.Count == filled[i]).All(ok => ok))
                return true;
        }
        return false;
    }

    /// <summary>The size word from the radius itself, by the documented ranges.</summary>
    static string SizeWord(double radius) => radius switch
    {
        >= 0.09 and <= 0.11 => "small",
        >= 0.14 and <= 0.17 => "medium",
        >= 0.20 and <= 0.24 => "large",
        _ => throw new Xunit.Sdk.XunitException($"radius {radius} is in no size class"),
    };
}
