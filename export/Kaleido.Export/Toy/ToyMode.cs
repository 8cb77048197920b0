namespace Kaleido.Export.Toy;

/// <summary>
/// One isotropic Gaussian mode of the toy mixture: sub-mode <paramref name="SubMode"/> of class
/// <paramref name="ClassIndex"/>, centred at (<paramref name="X"/>, <paramref name="Y"/>), drawn with probability
/// <paramref name="WeightInClass"/> within its class.
/// </summary>
public sealed record ToyMode(int ClassIndex, int SubMode, float X, float Y, double WeightInClass);
