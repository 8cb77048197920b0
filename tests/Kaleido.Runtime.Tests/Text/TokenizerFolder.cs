using System.Text;
using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Tests.Text;

/// <summary>
/// A hand-made tokenizer folder in a temporary directory: the 256 bytes plus a few chosen merges, so tests
/// know every id without running the builder. Deleted on dispose.
/// </summary>
sealed class TokenizerFolder : IDisposable
{
    public const int CodebookSize = 16;

    /// <summary>The merged tokens after the 256 bytes, in rank order.</summary>
    public static readonly string[] Merges = [" |", " (", "99", "ci", "cir", "circ", "le", "circle", " circle"];

    public string Path { get; }

    public TokenizerFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kaleido-tok-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        var tokens = new List<byte[]>();
        for (int b = 0; b < 256; b++)
            tokens.Add([(byte)b]);
        tokens.AddRange(Merges.Select(Encoding.UTF8.GetBytes));

        int firstByteId = 4 + CodebookSize;
        var lines = new StringBuilder();
        for (int i = 0; i < tokens.Count; i++)
            lines.Append(Convert.ToBase64String(tokens[i])).Append(' ').Append(firstByteId + i).Append('\n');
        File.WriteAllText(RankFilePath, lines.ToString());
        TokenizerDescriptor.Create(firstByteId + tokens.Count, CodebookSize).Write(Path);
    }

    public string RankFilePath => System.IO.Path.Combine(Path, TokenizerDescriptor.DefaultRankFileName);

    public string DescriptorPath => System.IO.Path.Combine(Path, TokenizerDescriptor.FileName);

    /// <summary>The id the hand-made layout gives byte <paramref name="b"/>.</summary>
    public static int ByteId(char b) => 4 + CodebookSize + b;

    /// <summary>The id the hand-made layout gives merge <paramref name="token"/>.</summary>
    public static int MergeId(string token) => 4 + CodebookSize + 256 + Array.IndexOf(Merges, token);

    public KaleidoTokenizer Load() => KaleidoTokenizer.Load(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
