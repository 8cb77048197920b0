using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Tests.Text;

public sealed class KaleidoPreTokenizerTests
{
    static string[] Pieces(string name, string text) =>
        KaleidoPreTokenizer.Create(codebookSize: 16, name).PreTokenize(text).Select(p => text.Substring(p.Offset, p.Length)).ToArray();

    [Fact]
    public void V1_SpellsTheFirstCoordinateOfABoxUnspacedAndTheOthersSpaced()
    {
        Assert.Equal(["a", " circle", " (", "335", " 437", " 12", " 8", ")"], Pieces(KaleidoPreTokenizer.V1, "a circle (335 437 12 8)"));
    }

    [Fact]
    public void V2_SpellsEveryCoordinateTheSameWayWhateverPrecedesIt()
    {
        Assert.Equal(["a", " circle", " (", "335", " ", "437", " ", "12", " ", "8", ")"], Pieces(KaleidoPreTokenizer.V2, "a circle (335 437 12 8)"));
        Assert.Equal(new[] { "(", "437" }, Pieces(KaleidoPreTokenizer.V2, "(437"));
        Assert.Equal(new[] { " ", "437" }, Pieces(KaleidoPreTokenizer.V2, " 437"));
    }

    [Fact]
    public void NewTokenizersAreBuiltWithV2()
    {
        Assert.Equal(KaleidoPreTokenizer.V2, KaleidoPreTokenizer.Name);
        Assert.Equal(KaleidoPreTokenizer.V2, TokenizerDescriptor.Create(300, 16).PreTokenizer);
    }

    [Theory]
    [InlineData("kaleido-v1")]
    [InlineData("kaleido-v2")]
    public void EveryVersion_TilesRandomTextExactly(string name)
    {
        foreach (string text in RoundTripStrings.Random(count: 2000, seed: 77))
        {
            Assert.Equal(text, string.Concat(Pieces(name, text)));
        }
    }

    [Fact]
    public void AnUnknownVersion_IsRefusedNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => KaleidoPreTokenizer.Create(16, "gpt2"));
        Assert.Contains("kaleido-v1", error.Message);
        Assert.Contains("kaleido-v2", error.Message);
    }
}
