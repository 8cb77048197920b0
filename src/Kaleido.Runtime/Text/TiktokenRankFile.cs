using System.Text;

namespace Kaleido.Runtime.Text;

/// <summary>
/// The tiktoken rank file: one line per token, <c>base64(token bytes) SPACE id</c>, ids ascending. In BPE
/// the id is also the merge rank: a lower id merges first.
/// </summary>
public static class TiktokenRankFile
{
    /// <summary>Writes tokens with ids <paramref name="firstId"/>, <paramref name="firstId"/>+1, ... ('\n' line ends).</summary>
    public static void Write(string path, IReadOnlyList<byte[]> tokens, int firstId)
    {
        var text = new StringBuilder();
        for (int i = 0; i < tokens.Count; i++)
            text.Append(Convert.ToBase64String(tokens[i])).Append(' ').Append(firstId + i).Append('\n');
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(text.ToString()));
    }

    /// <summary>
    /// Reads a rank file and checks what the runtime relies on: ids are exactly
    /// <paramref name="firstId"/> .. <paramref name="firstId"/>+<paramref name="count"/>-1 in order, the first 256
    /// are the single bytes 0..255 (so any text encodes without unk), and no byte string appears twice.
    /// </summary>
    /// <returns>The token bytes in id order.</returns>
    public static List<byte[]> Read(string path, int firstId, int count)
    {
        if (!File.Exists(path))
            throw new TokenizerException($"The tokenizer rank file '{path}' does not exist.");

        var tokens = new List<byte[]>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            string where = $"'{path}' line {lineNumber}";
            string[] parts = line.Split(' ');
            if (parts.Length != 2 || !int.TryParse(parts[1], out int id))
                throw new TokenizerException($"The rank file {where} is '{line}'; expected 'base64 id'.");
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(parts[0]);
            }
            catch (FormatException)
            {
                throw new TokenizerException($"The rank file {where} has '{parts[0]}', which is not base64.");
            }

            int expectedId = firstId + tokens.Count;
            if (id != expectedId)
                throw new TokenizerException($"The rank file {where} has id {id}; expected {expectedId} (ids must be consecutive).");
            if (tokens.Count < 256 && (bytes.Length != 1 || bytes[0] != tokens.Count))
                throw new TokenizerException($"The rank file {where} must hold the single byte {tokens.Count} (the first 256 tokens are the bytes in order).");
            if (bytes.Length == 0 || !seen.Add(parts[0]))
                throw new TokenizerException($"The rank file {where} repeats or has an empty token '{parts[0]}'.");
            tokens.Add(bytes);
        }

        if (tokens.Count != count)
            throw new TokenizerException($"The rank file '{path}' has {tokens.Count} tokens; the descriptor's vocabSize needs {count}.");
        return tokens;
    }
}
