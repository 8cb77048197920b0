using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>
/// T5's relative-position buckets (architecture-facts §3), for rel = key_pos − query_pos.
/// Bidirectional (encoder): half the buckets per direction, +nb/2 for keys after the query.
/// Causal (decoder): all buckets for keys at or before the query; later keys get bucket 0 (masked anyway).
/// The bucket of a distance n is read from a table over n = 0..max_distance (larger n saturate), so the
/// TorchSharp model and the ONNX graphs share exactly the same integers.
/// </summary>
public sealed class RelativePositionBuckets
{
    public RelativePositionBuckets(int numBuckets, int maxDistance, bool bidirectional)
    {
        Bidirectional = bidirectional;
        MaxDistance = maxDistance;
        var directionBuckets = bidirectional ? numBuckets / 2 : numBuckets;
        AfterQueryOffset = bidirectional ? directionBuckets : 0;
        DistanceTable = BuildDistanceTable(directionBuckets, maxDistance);
    }

    public bool Bidirectional { get; }

    public int MaxDistance { get; }

    /// <summary>Added to the bucket of a key after the query (bidirectional only; 0 otherwise).</summary>
    public long AfterQueryOffset { get; }

    /// <summary>Bucket of distance n for n = 0..MaxDistance; distances beyond use the last entry.</summary>
    public long[] DistanceTable { get; }

    /// <summary>Buckets (int64) for relative positions <paramref name="relative"/> (int64, any shape).</summary>
    public Tensor Compute(Tensor relative)
    {
        using var scope = NewDisposeScope();
        Tensor distance, offset;
        if (Bidirectional)
        {
            distance = relative.abs();
            offset = relative.gt(0).to(int64) * AfterQueryOffset;
        }
        else
        {
            distance = relative.neg().clamp_min(0);
            offset = zeros_like(relative);
        }
        var index = distance.clamp_max(MaxDistance);
        var table = tensor(DistanceTable, device: relative.device);
        var bucket = table.index_select(0, index.flatten()).view(relative.shape) + offset;
        return bucket.MoveToOuterDisposeScope();
    }

    /// <summary>Relative positions key − query [Lq, Lk] for queries at offset..offset+Lq−1 and keys 0..Lk−1.</summary>
    public static Tensor RelativePositions(long queryLength, long keyLength, long queryOffset = 0, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var query = arange(queryOffset, queryOffset + queryLength, dtype: int64, device: device).unsqueeze(1); // [Lq, 1]
        var key = arange(0, keyLength, dtype: int64, device: device).unsqueeze(0);                               // [1, Lk]
        return (key - query).MoveToOuterDisposeScope();                                                          // [Lq, Lk]
    }

    // n < max_exact: one bucket per distance; beyond: log-spaced up to max_distance (math in double).
    private static long[] BuildDistanceTable(int buckets, int maxDistance)
    {
        var maxExact = buckets / 2;
        var table = new long[maxDistance + 1];
        for (var n = 0; n <= maxDistance; n++)
        {
            table[n] = n < maxExact
                ? n
                : Math.Min(buckets - 1, maxExact + (long)Math.Floor(Math.Log((double)n / maxExact) / Math.Log((double)maxDistance / maxExact) * (buckets - maxExact)));
        }
        return table;
    }
}
