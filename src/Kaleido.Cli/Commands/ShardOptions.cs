using System.CommandLine;
using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>The spelling of <c>--shard-index</c> and <c>--shard-count</c>, shared by the verbs that shard a run (docs/batch.md).</summary>
static class ShardOptions
{
    public static Option<int?> Index() => CliOption.Int("--shard-index", null, "I",
        "Make only shard I (0-based) of the run's images. Default: from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, " +
        "AWS_BATCH_JOB_ARRAY_INDEX or CLOUD_RUN_TASK_INDEX, else the whole run (docs/batch.md).");

    public static Option<int?> Count() => CliOption.Int("--shard-count", null, "N",
        "How many shards the run is split into, 1 to 100000. Default: KALEIDO_SHARD_COUNT, else CLOUD_RUN_TASK_COUNT.");
}
