namespace Kaleido.Runtime.Latents;

/// <summary>
/// An object the latents place in the image: the characters [<see cref="Start"/>, <see cref="End"/>) of the latent
/// text that spell it (its phrase through the ')' closing its region) and the box it must fill.
/// </summary>
public readonly record struct PlacedObject(int Start, int End, BoundingBox Box);
