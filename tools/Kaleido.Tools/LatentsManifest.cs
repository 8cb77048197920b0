using Kaleido.Runtime;
using Kaleido.Runtime.Latents;

namespace Kaleido.Tools;

/// <summary>
/// A .jsonl of latents documents, one per line (the dataset's manifests, or latents given to the quality check).
/// A line that does not read is a <see cref="ToolInputException"/> naming the file and the line.
/// </summary>
public static class LatentsManifest
{
    /// <summary>Every document with its 1-based line number, blank lines skipped; read lazily.</summary>
    public static IEnumerable<(LatentsDocument Document, int Line)> Read(string path)
    {
        if (!File.Exists(path))
            throw new ToolInputException($"Latents file '{path}' does not exist; expected a .jsonl of latents documents (a dataset manifest works).");
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            LatentsDocument document;
            try
            {
                document = LatentsDocumentReader.Read(line);
            }
            catch (UserInputException e)
            {
                throw new ToolInputException($"{path}, line {lineNumber}: {e.Message}");
            }
            yield return (document, lineNumber);
        }
    }

    /// <summary>The first <paramref name="count"/> documents (fewer when the file holds fewer, but at least one).</summary>
    public static IReadOnlyList<LatentsDocument> ReadFirst(string path, int count)
    {
        if (count < 1)
            throw new ToolInputException($"--count is {count}; expected at least 1.");
        var documents = Read(path).Take(count).Select(entry => entry.Document).ToList();
        if (documents.Count == 0)
            throw new ToolInputException($"Latents file '{path}' holds no documents.");
        return documents;
    }
}
