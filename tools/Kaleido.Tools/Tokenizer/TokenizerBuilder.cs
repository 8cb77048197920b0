using System.Text;
using Kaleido.Runtime.Text;

namespace Kaleido.Tools.Tokenizer;

/// <summary>
/// Builds a Kaleido tokenizer folder from a corpus: byte-level BPE trained on the runtime's own
/// pre-tokenization, written as a tiktoken rank file plus <c>kaleido-tokenizer.json</c>.
/// The same corpus and options always give the same bytes.
/// </summary>
public static class TokenizerBuilder
{
    /// <summary>Trains on <paramref name="corpus"/> and writes the tokenizer files into <paramref name="outputDirectory"/>.</summary>
    /// <returns>The descriptor written, with the vocabulary size reached.</returns>
    public static TokenizerDescriptor Build(IEnumerable<string> corpus, TokenizerBuildOptions options, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        options.Validate();

        // 1. Count the pieces BPE works inside, exactly as the runtime will split text.
        Dictionary<byte[], long> pieceCounts = CountPieces(corpus, options.CodebookSize);

        // 2. Learn merges until the vocabulary reaches its target size.
        int maxNewTokens = options.VocabSize - KaleidoSpecialTokens.MinimumVocabSize(options.CodebookSize);
        List<byte[]> merges = BpeTrainer.LearnMerges(pieceCounts, maxNewTokens, options.MinPairCount);

        // 3. Write the rank file (bytes then merges) and the descriptor.
        var tokens = new List<byte[]>(256 + merges.Count);
        for (int b = 0; b < 256; b++)
            tokens.Add([(byte)b]);
        tokens.AddRange(merges);

        int firstByteId = KaleidoSpecialTokens.FirstByteId(options.CodebookSize);
        var descriptor = TokenizerDescriptor.Create(firstByteId + tokens.Count, options.CodebookSize);
        Directory.CreateDirectory(outputDirectory);
        TiktokenRankFile.Write(Path.Combine(outputDirectory, descriptor.RankFile), tokens, firstByteId);
        descriptor.Write(outputDirectory);
        return descriptor;
    }

    /// <summary>Counts each distinct piece of the corpus by its UTF-8 bytes; visual codes are whole tokens already.</summary>
    static Dictionary<byte[], long> CountPieces(IEnumerable<string> corpus, int codebookSize)
    {
        var preTokenizer = KaleidoPreTokenizer.Create(codebookSize);
        var visualCodes = KaleidoSpecialTokens.VisualCodes(codebookSize);
        var counts = new Dictionary<byte[], long>(ByteSequenceComparer.Instance);
        foreach (string text in corpus)
        {
            foreach (var (offset, length) in preTokenizer.PreTokenize(text))
            {
                string piece = text.Substring(offset, length);
                if (visualCodes.ContainsKey(piece))
                    continue;
                byte[] bytes = Encoding.UTF8.GetBytes(piece);
                counts[bytes] = counts.GetValueOrDefault(bytes) + 1;
            }
        }
        return counts;
    }
}
