namespace Kaleido.Export.Toy;

/// <summary>
/// The samples of one model at one guidance scale: <paramref name="Points"/> [N, 2] row-major, drawn for
/// <paramref name="Classes"/> [N], counted into <paramref name="Shares"/>.
/// </summary>
public sealed record ToyRun(ToyModelKind Model, float Guidance, float[] Points, int[] Classes, ToyModeShares Shares);
