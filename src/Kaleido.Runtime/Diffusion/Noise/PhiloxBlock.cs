namespace Kaleido.Runtime.Diffusion.Noise;

/// <summary>Four 32-bit words: a Philox-4x32 counter or one block of its output.</summary>
public readonly record struct PhiloxBlock(uint W0, uint W1, uint W2, uint W3);
