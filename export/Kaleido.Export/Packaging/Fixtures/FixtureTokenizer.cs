using Kaleido.Runtime.Text;

namespace Kaleido.Export.Packaging.Fixtures;

/// <summary>
/// The fixtures' tokenizer: byte-level with no merges and no visual codes (vocabSize 260 = 4 control ids +
/// 256 bytes). Written by code, so the fixtures need no tokenizer training; a caption's ids are its UTF-8
/// bytes offset by 4, which tests can compute independently.
/// </summary>
public static class FixtureTokenizer
{
    public const int CodebookSize = 0;

    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var descriptor = TokenizerDescriptor.Create(KaleidoSpecialTokens.MinimumVocabSize(CodebookSize), CodebookSize);
        TiktokenRankFile.Write(Path.Combine(directory, descriptor.RankFile),
            Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToArray(), descriptor.FirstByteId);
        descriptor.Write(directory);
    }
}
