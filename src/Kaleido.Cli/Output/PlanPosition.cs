namespace Kaleido.Cli.Output;

/// <summary>
/// Where a file's unit sits in its run: unit <see cref="Unit"/> (from 0, in plan order: records in prompt file order,
/// each record's images by index) of <see cref="Units"/>. Recorded in the manifest so that <c>kaleido merge</c> can
/// put shards back in plan order and tell a missing unit from one never planned.
/// </summary>
public sealed record PlanPosition(int Unit, int Units);
