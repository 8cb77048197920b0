using System.Text;
using Kaleido.Runtime.Text;
using Kaleido.Tools.Tokenizer;

namespace Kaleido.Tools.Tests.Tokenizer;

public sealed class BpeTrainerTests
{
    static Dictionary<byte[], long> Counts(params (string Piece, long Count)[] pieces) =>
        pieces.ToDictionary(p => Encoding.UTF8.GetBytes(p.Piece), p => p.Count, ByteSequenceComparer.Instance);

    static string[] Learn(Dictionary<byte[], long> counts, int maxNewTokens = 100, int minPairCount = 2) =>
        BpeTrainer.LearnMerges(counts, maxNewTokens, minPairCount).Select(Encoding.UTF8.GetString).ToArray();

    [Fact]
    public void LearnMerges_MergesTheMostFrequentPairFirst()
    {
        // Pairs: (a,b) 3+2 = 5, (b,c) 2+1 = 3. After "ab": (ab,c) 2, (b,c) 1 -> "abc", then nothing seen twice.
        var counts = Counts(("ab", 3), ("abc", 2), ("bc", 1));

        Assert.Equal(["ab", "abc"], Learn(counts));
    }

    [Fact]
    public void LearnMerges_BreaksTiesBySmallerTokenIds()
    {
        var counts = Counts(("xy", 2), ("ab", 2), ("ay", 2));

        // All three pairs are seen twice; 'a' < 'x' and for left 'a', 'b' < 'y'.
        Assert.Equal(["ab", "ay", "xy"], Learn(counts));
    }

    [Fact]
    public void LearnMerges_StopsAtTheBudget()
    {
        var counts = Counts(("ab", 3), ("abc", 2), ("bc", 1));

        Assert.Equal(["ab"], Learn(counts, maxNewTokens: 1));
    }

    [Fact]
    public void LearnMerges_CountsOverlappingRepeatsLikeTheyMerge()
    {
        // "aaa" holds (a,a) twice; merging left to right leaves [aa, a], whose pair (aa,a) is seen 2 times.
        var counts = Counts(("aaa", 2));

        Assert.Equal(["aa", "aaa"], Learn(counts));
    }

    [Fact]
    public void LearnMerges_MatchesANaiveRecountingTrainer_OnTheFixtureCorpus()
    {
        var counts = new Dictionary<byte[], long>(ByteSequenceComparer.Instance);
        var preTokenizer = KaleidoPreTokenizer.Create(FixtureTokenizer.CodebookSize);
        foreach (string line in FixtureTokenizer.Corpus)
        {
            foreach (var (offset, length) in preTokenizer.PreTokenize(line))
            {
                string piece = line.Substring(offset, length);
                if (piece.StartsWith("<v", StringComparison.Ordinal) && piece.EndsWith('>') && piece.Length > 3)
                    continue; // a visual code, cut out whole by the pre-tokenizer
                byte[] bytes = Encoding.UTF8.GetBytes(piece);
                counts[bytes] = counts.GetValueOrDefault(bytes) + 1;
            }
        }

        var expected = NaiveLearnMerges(counts, maxNewTokens: 600, minPairCount: 2);
        var actual = BpeTrainer.LearnMerges(counts, maxNewTokens: 600, minPairCount: 2);

        Assert.Equal(600, expected.Count);
        Assert.Equal(expected.Select(Convert.ToHexString), actual.Select(Convert.ToHexString));
    }

    /// <summary>The textbook loop: recount every pair of every piece, merge the best, repeat.</summary>
    static List<byte[]> NaiveLearnMerges(Dictionary<byte[], long> pieceCounts, int maxNewTokens, int minPairCount)
    {
        var tokenBytes = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToList();
        var pieces = pieceCounts.Select(p => (Tokens: p.Key.Select(b => (int)b).ToList(), p.Value)).ToList();
        var learned = new List<byte[]>();
        while (learned.Count < maxNewTokens)
        {
            var pairCounts = new Dictionary<(int, int), long>();
            foreach (var (tokens, count) in pieces)
                for (int i = 0; i + 1 < tokens.Count; i++)
                    pairCounts[(tokens[i], tokens[i + 1])] = pairCounts.GetValueOrDefault((tokens[i], tokens[i + 1])) + count;
            if (pairCounts.Count == 0)
                break;
            var best = pairCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).First();
            if (best.Value < minPairCount)
                break;

            var (left, right) = best.Key;
            byte[] bytes = [.. tokenBytes[left], .. tokenBytes[right]];
            int merged = tokenBytes.FindIndex(t => t.AsSpan().SequenceEqual(bytes));
            if (merged < 0)
            {
                tokenBytes.Add(bytes);
                learned.Add(bytes);
                merged = tokenBytes.Count - 1;
            }
            foreach (var (tokens, _) in pieces)
            {
                for (int i = 0; i + 1 < tokens.Count; i++)
                {
                    if (tokens[i] == left && tokens[i + 1] == right)
                    {
                        tokens[i] = merged;
                        tokens.RemoveAt(i + 1);
                    }
                }
            }
        }
        return learned;
    }
}
