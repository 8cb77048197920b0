using Kaleido.Runtime.Text;

namespace Kaleido.Tools.Tests.Tokenizer;

public sealed class TokenizerCommandTests
{
    [Fact]
    public void Tokenizer_WritesLoadableFiles_AndExitsOk()
    {
        string directory = TempDirectory.Create();
        try
        {
            string output = Path.Combine(directory, "tok");
            int exitCode = Program.Main(
                ["tokenizer", "--corpus", FixtureTokenizer.CorpusPath, "--out", output, "--vocab-size", "400", "--codebook", "32"]);

            Assert.Equal(ExitCodes.Ok, exitCode);
            var tokenizer = KaleidoTokenizer.Load(output);
            Assert.Equal(400, tokenizer.VocabSize);
            Assert.Equal(32, tokenizer.CodebookSize);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("missing-corpus.txt", "400", "32")]
    [InlineData(null, "10", "32")]
    [InlineData(null, "400", "-3")]
    [InlineData(null, "many", "32")]
    public void Tokenizer_WithBadInput_ExitsWithBadInput(string? corpus, string vocabSize, string codebook)
    {
        string directory = TempDirectory.Create();
        try
        {
            int exitCode = Program.Main(
                ["tokenizer", "--corpus", corpus ?? FixtureTokenizer.CorpusPath, "--out", directory, "--vocab-size", vocabSize, "--codebook", codebook]);

            Assert.Equal(ExitCodes.BadInput, exitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
