using Kaleido.Runtime;
using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Evaluation;

/// <summary>Reads the latents documents of <c>quality --latents</c>: one JSON document per line, blank lines skipped.</summary>
public static class GivenLatents
{
    public static IReadOnlyList<LatentsDocument> Load(string path, int count)
    {
        if (count < 1)
            throw new ToolInputException($"--count is {count}; expected at least 1.");
        if (!File.Exists(path))
            throw new ToolInputException($"Latents file '{path}' does not exist; expected a .jsonl of latents documents (a dataset manifest works).");
        var documents = new List<LatentsDocument>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                documents.Add(LatentsDocumentReader.Read(line));
            }
            catch (UserInputException e)
            {
                throw new ToolInputException($"{path}, line {lineNumber}: {e.Message}");
            }
            if (documents.Count == count)
                break;
        }
        if (documents.Count == 0)
            throw new ToolInputException($"Latents file '{path}' holds no documents.");
        return documents;
    }
}
