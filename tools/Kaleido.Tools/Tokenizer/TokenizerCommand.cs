using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Text;

namespace Kaleido.Tools.Tokenizer;

/// <summary>Runs <c>kaleido-tools tokenizer</c>: reads the corpus file, builds, reports what was written.</summary>
public static class TokenizerCommand
{
    public static int Run(TokenizerOptions settings, TextWriter output)
    {
        if (!File.Exists(settings.Corpus))
            throw new ToolInputException($"The corpus file '{settings.Corpus}' does not exist.");
        var options = new TokenizerBuildOptions(settings.VocabSize, settings.Codebook, settings.MinPairCount);
        options.Validate();

        var corpus = settings.Corpus.EndsWith(".jsonl", StringComparison.Ordinal)
            ? ManifestCorpus(settings.Corpus)
            : File.ReadLines(settings.Corpus).Where(line => line.Length > 0);
        var descriptor = TokenizerBuilder.Build(corpus, options, settings.Out);

        output.WriteLine($"Wrote {descriptor.RankFile} and {TokenizerDescriptor.FileName} to '{settings.Out}'.");
        output.WriteLine($"Vocab size {descriptor.VocabSize} (target {options.VocabSize}), codebook {descriptor.CodebookSize}.");
        if (descriptor.VocabSize < options.VocabSize)
            output.WriteLine($"The corpus ran out of pairs seen {options.MinPairCount} times before the target size.");
        return ExitCodes.Ok;
    }

    /// <summary>A dataset manifest as a corpus: each record's caption, then its latent text.</summary>
    static IEnumerable<string> ManifestCorpus(string path)
    {
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            LatentsDocument document;
            try { document = LatentsDocumentReader.Read(line); }
            catch (LatentsFormatException e)
            {
                throw new ToolInputException($"'{path}' line {lineNumber} is not a latents record: {e.Message}");
            }
            yield return document.Prompt;
            yield return document.Latents.ToText();
        }
    }
}
