namespace Kaleido.Cli.Output;

/// <summary>
/// One file a run writes into the output folder: its name there, its manifest kind, what determines its bytes, and
/// (<c>generate</c>, <c>latents</c>) its unit's place in the run's plan.
/// </summary>
public sealed record OutputUnit(string FileName, string Kind, UnitSettings Settings, PlanPosition? Position = null);
