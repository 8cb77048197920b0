namespace Kaleido.Cli.Output;

/// <summary>One file a run writes into the output folder: its name there, its manifest kind, what determines its bytes.</summary>
public sealed record OutputUnit(string FileName, string Kind, UnitSettings Settings);
