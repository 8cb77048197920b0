using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Tests.Text;

public sealed class TokenizerDescriptorTests : IDisposable
{
    readonly TokenizerFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Descriptor_IsReadableJson_WithTheFixedIds()
    {
        string json = File.ReadAllText(_folder.DescriptorPath);

        Assert.Contains("\"format\": \"tiktoken-bpe\"", json);
        Assert.Contains("\"padToken\": \"<pad>\"", json);
        Assert.Contains("\"padId\": 0", json);
        Assert.Contains("\"eosId\": 1", json);
        Assert.Contains("\"decoderStartId\": 2", json);
        Assert.Contains("\"unkId\": 3", json);
        Assert.DoesNotContain("\r", json);
        var read = TokenizerDescriptor.Read(_folder.Path);
        Assert.Equal(TokenizerDescriptor.Create(read.VocabSize, TokenizerFolder.CodebookSize), read);
    }

    [Fact]
    public void Load_WithoutDescriptor_ThrowsNamingTheFile()
    {
        File.Delete(_folder.DescriptorPath);

        var error = Assert.Throws<TokenizerException>(() => KaleidoTokenizer.Load(_folder.Path));
        Assert.Contains(TokenizerDescriptor.FileName, error.Message);
    }

    [Theory]
    [InlineData("\"padId\": 0", "\"padId\": 5", "padId")]
    [InlineData("\"decoderStartId\": 2", "\"decoderStartId\": 0", "decoderStartId")]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 2", "formatVersion")]
    [InlineData("\"preTokenizer\": \"kaleido-v2\"", "\"preTokenizer\": \"gpt2\"", "preTokenizer")]
    [InlineData("\"vocabSize\": 285", "\"vocabSize\": 100", "vocabSize")]
    [InlineData("{", "[", "not valid")]
    public void Load_WithAnUnexpectedDescriptor_ThrowsNamingTheField(string find, string replace, string named)
    {
        string json = File.ReadAllText(_folder.DescriptorPath);
        Assert.Contains(find, json);
        File.WriteAllText(_folder.DescriptorPath, ReplaceFirst(json, find, replace));

        var error = Assert.Throws<TokenizerException>(() => KaleidoTokenizer.Load(_folder.Path));
        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("kaleido-v1", true)]
    [InlineData("kaleido-v2", false)]
    public void Load_EncodesWithThePreTokenizerTheDescriptorNames(string preTokenizer, bool spacedNumberIsOneToken)
    {
        // Add the merge " 99" (id = old vocabSize): v1 (the shipped packages) keeps a number's leading space in its
        // piece and can use it; v2 splits the space off, so the number is spelled "99" after a space too.
        int mergeId = TokenizerFolder.MergeId(TokenizerFolder.Merges[^1]) + 1;
        File.AppendAllText(_folder.RankFilePath, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(" 99")) + " " + mergeId + "\n");
        string json = File.ReadAllText(_folder.DescriptorPath);
        json = ReplaceFirst(json, $"\"vocabSize\": {mergeId}", $"\"vocabSize\": {mergeId + 1}");
        File.WriteAllText(_folder.DescriptorPath, ReplaceFirst(json, "\"kaleido-v2\"", $"\"{preTokenizer}\""));

        var tokenizer = KaleidoTokenizer.Load(_folder.Path);

        Assert.Equal(preTokenizer, tokenizer.Descriptor.PreTokenizer);
        int[] expected = spacedNumberIsOneToken
            ? [TokenizerFolder.MergeId(" ("), TokenizerFolder.MergeId("99"), mergeId, TokenizerFolder.ByteId(')')]
            : [TokenizerFolder.MergeId(" ("), TokenizerFolder.MergeId("99"), TokenizerFolder.ByteId(' '), TokenizerFolder.MergeId("99"), TokenizerFolder.ByteId(')')];
        Assert.Equal(expected, tokenizer.Encode(" (99 99)"));
        Assert.Equal(" (99 99)", tokenizer.Decode(tokenizer.Encode(" (99 99)")));
    }

    [Fact]
    public void Load_WithAGapInTheRankFileIds_Throws()
    {
        var lines = File.ReadAllLines(_folder.RankFilePath);
        lines[^1] = lines[^1].Split(' ')[0] + " 9999";
        File.WriteAllLines(_folder.RankFilePath, lines);

        var error = Assert.Throws<TokenizerException>(() => KaleidoTokenizer.Load(_folder.Path));
        Assert.Contains("consecutive", error.Message);
    }

    [Fact]
    public void Load_WithFewerRanksThanTheVocabSize_Throws()
    {
        var lines = File.ReadAllLines(_folder.RankFilePath);
        File.WriteAllLines(_folder.RankFilePath, lines[..^1]);

        var error = Assert.Throws<TokenizerException>(() => KaleidoTokenizer.Load(_folder.Path));
        Assert.Contains($"has {lines.Length - 1} tokens", error.Message);
    }

    [Fact]
    public void Load_WithAMissingByteToken_Throws()
    {
        var lines = File.ReadAllLines(_folder.RankFilePath);
        lines[65] = Convert.ToBase64String("AB"u8.ToArray()) + " " + lines[65].Split(' ')[1];
        File.WriteAllLines(_folder.RankFilePath, lines);

        var error = Assert.Throws<TokenizerException>(() => KaleidoTokenizer.Load(_folder.Path));
        Assert.Contains("single byte 65", error.Message);
    }

    static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
