namespace Kaleido.Tools.Dataset;

/// <summary>A background and 1-3 objects, drawn in list order (a later object covers an earlier one).</summary>
public sealed record Scene
{
    public Scene(NamedColor background, BackgroundStyle style, IEnumerable<SceneObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        SceneObject[] copy = objects.ToArray();
        if (copy.Length is 0 or > MaxObjects)
            throw new ArgumentException($"A scene has 1 to {MaxObjects} objects; found {copy.Length}.", nameof(objects));
        Background = background;
        Style = style;
        Objects = Array.AsReadOnly(copy);
    }

    public const int MaxObjects = 3;

    public NamedColor Background { get; }
    public BackgroundStyle Style { get; }
    public IReadOnlyList<SceneObject> Objects { get; }
}
