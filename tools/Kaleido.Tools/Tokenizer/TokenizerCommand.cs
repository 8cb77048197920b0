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

        var corpus = File.ReadLines(settings.Corpus).Where(line => line.Length > 0);
        var descriptor = TokenizerBuilder.Build(corpus, options, settings.Out);

        output.WriteLine($"Wrote {descriptor.RankFile} and {TokenizerDescriptor.FileName} to '{settings.Out}'.");
        output.WriteLine($"Vocab size {descriptor.VocabSize} (target {options.VocabSize}), codebook {descriptor.CodebookSize}.");
        if (descriptor.VocabSize < options.VocabSize)
            output.WriteLine($"The corpus ran out of pairs seen {options.MinPairCount} times before the target size.");
        return ExitCodes.Ok;
    }
}
