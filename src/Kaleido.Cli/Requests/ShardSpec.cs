using System.Globalization;
using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// Which share of a run this process makes: shard <see cref="Index"/> of <see cref="Count"/> takes the run's units
/// (one per record and image index, numbered in plan order from 0) whose number is <see cref="Index"/> modulo
/// <see cref="Count"/>. A unit's seed, file names and bytes never depend on the split, so the union of the shards is
/// the unsharded run, byte for byte (docs/batch.md).
/// </summary>
/// <param name="IndexSource">Where the index came from, for messages (<c>--shard-index</c>, an engine's variable).</param>
/// <param name="CountSource">Where the count came from.</param>
public sealed record ShardSpec(int Index, int Count, string IndexSource, string CountSource)
{
    /// <summary>The most shards a run may be split into.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Set by the user (a job script) to give the shard count when the engine gives only an index.</summary>
    public const string CountVariable = "KALEIDO_SHARD_COUNT";

    /// <summary>
    /// The engines' task-index variables, 0-based, in the order they are read: Kubernetes Indexed Jobs, Slurm arrays
    /// (submit them as <c>--array=0-(N-1)</c>), AWS Batch array jobs, Cloud Run jobs.
    /// </summary>
    public static readonly string[] IndexVariables =
        ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX", "CLOUD_RUN_TASK_INDEX"];

    /// <summary>
    /// The only engine variable trusted for the count: Cloud Run's is fixed for the job. Slurm's MIN, MAX and COUNT
    /// describe the submitted array, which a partial resubmit (<c>--array=3,7</c>) changes, so they are never read.
    /// </summary>
    public const string CloudRunCountVariable = "CLOUD_RUN_TASK_COUNT";

    /// <summary>Whether the unit numbered <paramref name="unitNumber"/> (from 0, in plan order) is this shard's.</summary>
    public bool Owns(int unitNumber) => unitNumber % Count == Index;

    /// <summary>This shard's own manifest, so shards writing into one shared folder never append to the same file.</summary>
    public string ManifestFileName => ManifestFileNameOf(Index, Count);

    public static string ManifestFileNameOf(int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"kaleido-manifest.shard-{index}-of-{count}.jsonl");

    public override string ToString() => $"shard {Index} of {Count}";

    /// <summary>
    /// The shard from the options, else from the engines' variables; null for an unsharded run (neither given).
    /// </summary>
    /// <exception cref="UserInputException">Only one of index and count is known, or either is out of range.</exception>
    public static ShardSpec? Resolve(int? index, int? count, Func<string, string?> variable)
    {
        (int? i, string indexSource) = index is { } given ? (given, "--shard-index") : FromVariables(variable, IndexVariables);
        (int? n, string countSource) = count is { } c ? (c, "--shard-count")
            : FromVariables(variable, [CountVariable, CloudRunCountVariable]);
        if (i is null && n is null)
            return null;
        if (n is null)
            throw new UserInputException(
                $"The shard index is {i} (from {indexSource}) but no shard count is given; expected --shard-count N or " +
                $"{CountVariable}=N (it is never taken from SLURM_ARRAY_TASK_COUNT, _MIN or _MAX, which change on a partial resubmit).");
        if (n is < 1 or > MaxCount)
            throw new UserInputException($"The shard count is {n} (from {countSource}); expected an integer from 1 to {MaxCount}.");
        if (i is null)
            throw new UserInputException(
                $"The shard count is {n} (from {countSource}) but no shard index is given; expected --shard-index I or one of " +
                $"{string.Join(", ", IndexVariables)}.");
        if (i < 0 || i >= n)
            throw new UserInputException(
                $"The shard index is {i} (from {indexSource}); expected an integer from 0 to {n - 1} (the shard count {n} from {countSource}, 0-based).");
        return new ShardSpec(i.Value, n.Value, indexSource, countSource);
    }

    static (int?, string) FromVariables(Func<string, string?> variable, IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (variable(name) is not { } text)
                continue;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                ? (value, name)
                : throw new UserInputException($"{name} is '{text}'; expected a non-negative integer.");
        }
        return (null, "");
    }
}
