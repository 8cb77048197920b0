using Kaleido.Runtime.Text;
using Kaleido.Tools.Tokenizer;

namespace Kaleido.Tools.Tests.Tokenizer;

/// <summary>The tokenizer built once from the committed fixture corpus, shared by a test class.</summary>
public sealed class FixtureTokenizer : IDisposable
{
    public const int VocabSize = 1200;
    public const int CodebookSize = 256;

    public static string CorpusPath => Path.Combine(AppContext.BaseDirectory, "Tokenizer", "fixture-corpus.txt");

    public static string[] Corpus => File.ReadLines(CorpusPath).Where(line => line.Length > 0).ToArray();

    public string Directory { get; }
    public TokenizerDescriptor Descriptor { get; }
    public KaleidoTokenizer Tokenizer { get; }

    public FixtureTokenizer()
    {
        Directory = TempDirectory.Create();
        Descriptor = TokenizerBuilder.Build(Corpus, new TokenizerBuildOptions(VocabSize, CodebookSize), Directory);
        Tokenizer = KaleidoTokenizer.Load(Directory);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

internal static class TempDirectory
{
    public static string Create()
    {
        string path = Path.Combine(Path.GetTempPath(), "kaleido-tools-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
