namespace Kaleido.Export.Training;

/// <summary>
/// Which examples each step trains on: the concatenation of one shuffled permutation of the dataset per
/// epoch, cut into consecutive batches. The permutation of epoch e is a Fisher–Yates shuffle driven by
/// SplitMix64 seeded from (seed, e), so step s's batch depends only on (seed, s): resuming needs no state.
/// </summary>
public static class BatchOrder
{
    /// <summary>Dataset indices of step <paramref name="step"/>'s batch (a batch may span two epochs).</summary>
    public static int[] Indices(int datasetSize, int batchSize, ulong seed, long step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(datasetSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var indices = new int[batchSize];
        long position = step * batchSize;
        long epoch = -1;
        int[] permutation = [];
        for (int i = 0; i < batchSize; i++, position++)
        {
            if (position / datasetSize != epoch)
            {
                epoch = position / datasetSize;
                permutation = Permutation(datasetSize, seed, epoch);
            }
            indices[i] = permutation[position % datasetSize];
        }
        return indices;
    }

    /// <summary>The shuffled order of epoch <paramref name="epoch"/>.</summary>
    public static int[] Permutation(int datasetSize, ulong seed, long epoch)
    {
        var order = new int[datasetSize];
        for (int i = 0; i < datasetSize; i++)
            order[i] = i;
        ulong state = StepSeeds.Mix(seed, (ulong)epoch, 0x5EED_0F_E90C);
        for (int i = datasetSize - 1; i > 0; i--)
        {
            int j = (int)(StepSeeds.SplitMix64(ref state) % (ulong)(i + 1)); // modulo bias is < 2⁻³² for any dataset that fits in memory
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
