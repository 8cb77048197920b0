namespace Kaleido.Tools.Tokenizer;

/// <summary>
/// Learns byte-level BPE merges from counted pieces: starting from single bytes, repeatedly merge the most
/// frequent adjacent pair of tokens into a new token.
/// </summary>
/// <remarks>
/// Deterministic: ties between equally frequent pairs go to the pair with the smaller left token id, then
/// the smaller right token id. Pair counts are updated incrementally, touching only the pieces that hold
/// the merged pair, so large corpora stay cheap.
/// </remarks>
static class BpeTrainer
{
    /// <summary>
    /// Learns up to <paramref name="maxNewTokens"/> new tokens, stopping early when no pair occurs at least
    /// <paramref name="minPairCount"/> times.
    /// </summary>
    /// <param name="pieceCounts">Each distinct piece's UTF-8 bytes and how often it occurs.</param>
    /// <returns>The new tokens' bytes, in the order they were learned (their merge rank).</returns>
    public static List<byte[]> LearnMerges(IReadOnlyDictionary<byte[], long> pieceCounts, int maxNewTokens, int minPairCount)
    {
        var state = new TrainingState(pieceCounts);
        var learned = new List<byte[]>();
        while (learned.Count < maxNewTokens && state.TryTakeBestPair(minPairCount, out int left, out int right))
        {
            byte[] bytes = [.. state.TokenBytes[left], .. state.TokenBytes[right]];
            // Two different pairs can spell the same bytes; a token is its bytes, so reuse the existing one.
            if (!state.TokenIds.TryGetValue(bytes, out int merged))
            {
                merged = state.AddToken(bytes);
                learned.Add(bytes);
            }
            state.Merge(left, right, merged);
        }
        return learned;
    }

    /// <summary>The pieces as token sequences, with the pair counts kept up to date as merges are applied.</summary>
    sealed class TrainingState
    {
        readonly List<int>[] _pieces;
        readonly long[] _pieceCounts;
        readonly Dictionary<(int Left, int Right), long> _pairCounts = [];
        readonly Dictionary<(int Left, int Right), HashSet<int>> _piecesWithPair = [];
        // Every pair with a positive count, best first; an entry is taken out while its count changes.
        readonly SortedSet<(long Count, int Left, int Right)> _queue = new(BestPairFirst.Instance);
        readonly HashSet<(int Left, int Right)> _changing = [];

        public List<byte[]> TokenBytes { get; } = [];
        public Dictionary<byte[], int> TokenIds { get; } = new(ByteSequenceComparer.Instance);

        public TrainingState(IReadOnlyDictionary<byte[], long> pieceCounts)
        {
            for (int b = 0; b < 256; b++)
                AddToken([(byte)b]);

            // Sorted so piece indices, and with them everything after, do not depend on dictionary order.
            var pieces = pieceCounts.OrderBy(p => p.Key, ByteSequenceComparer.Instance).ToArray();
            _pieces = new List<int>[pieces.Length];
            _pieceCounts = new long[pieces.Length];
            for (int p = 0; p < pieces.Length; p++)
            {
                _pieces[p] = [.. pieces[p].Key.Select(b => (int)b)];
                _pieceCounts[p] = pieces[p].Value;
                AddPairsOf(p);
            }
            FinishChanges();
        }

        public int AddToken(byte[] bytes)
        {
            TokenBytes.Add(bytes);
            TokenIds.Add(bytes, TokenBytes.Count - 1);
            return TokenBytes.Count - 1;
        }

        public bool TryTakeBestPair(int minPairCount, out int left, out int right)
        {
            (left, right) = (-1, -1);
            if (_queue.Count == 0 || _queue.Min.Count < minPairCount)
                return false;
            (_, left, right) = _queue.Min;
            return true;
        }

        /// <summary>Replaces every occurrence of (left, right) by merged, left to right within each piece.</summary>
        public void Merge(int left, int right, int merged)
        {
            int[] holders = [.. _piecesWithPair[(left, right)]];
            foreach (int p in holders)
            {
                RemovePairsOf(p);
                List<int> tokens = _pieces[p];
                int write = 0;
                for (int read = 0; read < tokens.Count; read++, write++)
                {
                    if (read + 1 < tokens.Count && tokens[read] == left && tokens[read + 1] == right)
                    {
                        tokens[write] = merged;
                        read++;
                    }
                    else
                    {
                        tokens[write] = tokens[read];
                    }
                }
                tokens.RemoveRange(write, tokens.Count - write);
                AddPairsOf(p);
            }
            FinishChanges();
        }

        void AddPairsOf(int piece) => ChangePairsOf(piece, +1);

        void RemovePairsOf(int piece) => ChangePairsOf(piece, -1);

        void ChangePairsOf(int piece, int sign)
        {
            List<int> tokens = _pieces[piece];
            for (int i = 0; i + 1 < tokens.Count; i++)
            {
                var pair = (tokens[i], tokens[i + 1]);
                if (_changing.Add(pair) && _pairCounts.TryGetValue(pair, out long before) && before > 0)
                    _queue.Remove((before, pair.Item1, pair.Item2));
                _pairCounts[pair] = _pairCounts.GetValueOrDefault(pair) + sign * _pieceCounts[piece];
                if (!_piecesWithPair.TryGetValue(pair, out var holders))
                    _piecesWithPair[pair] = holders = [];
                if (sign > 0)
                    holders.Add(piece);
                else
                    holders.Remove(piece);
            }
        }

        /// <summary>Puts the pairs whose counts changed back in the queue, or drops them when gone.</summary>
        void FinishChanges()
        {
            foreach (var pair in _changing)
            {
                long count = _pairCounts[pair];
                if (count > 0)
                {
                    _queue.Add((count, pair.Left, pair.Right));
                }
                else
                {
                    _pairCounts.Remove(pair);
                    _piecesWithPair.Remove(pair);
                }
            }
            _changing.Clear();
        }
    }

    /// <summary>Higher count first, then smaller left id, then smaller right id.</summary>
    sealed class BestPairFirst : IComparer<(long Count, int Left, int Right)>
    {
        public static BestPairFirst Instance { get; } = new();

        public int Compare((long Count, int Left, int Right) x, (long Count, int Left, int Right) y)
        {
            int byCount = y.Count.CompareTo(x.Count);
            if (byCount != 0)
                return byCount;
            int byLeft = x.Left.CompareTo(y.Left);
            return byLeft != 0 ? byLeft : x.Right.CompareTo(y.Right);
        }
    }
}
