using Kaleido.Export.Packaging;
using Kaleido.Export.Training;

namespace Kaleido.Export.Tests.Training;

/// <summary>Tiny in-memory datasets for the tiny model: learnable captions, latents and images from a seed.</summary>
internal static class TrainingTestData
{
    /// <summary>The training tests' model (the micro preset; 64 ids, pad/eos/start 0/1/2).</summary>
    public static ModelDefinition Micro { get; } = ModelPresets.Create(ModelPresets.Micro, Runtime.Package.ModelKind.Kaleido, "text", vocabSize: 64);

    /// <summary>
    /// <paramref name="count"/> examples: caption i is a few ids then eos; its latents are a fixed function of the
    /// caption (so the AR loss can fall); the image is a two-colour split whose colours follow the caption.
    /// </summary>
    public static List<TrainingExample> Examples(ModelDefinition config, int count, int seed)
    {
        var random = new Random(seed);
        int lc = config.Prior.CaptionLength, side = config.ImageSide, vocab = config.Prior.VocabSize;
        var examples = new List<TrainingExample>();
        for (int n = 0; n < count; n++)
        {
            int words = random.Next(1, lc);                      // eos still fits
            var ids = new int[lc];
            var mask = new int[lc];
            for (int i = 0; i < words; i++)
                ids[i] = random.Next(4, vocab);
            ids[words] = (int)config.Prior.EosId;
            for (int i = 0; i <= words; i++)
                mask[i] = 1;

            int latentCount = random.Next(1, config.MaxLatentTokens + 1);
            var latents = new int[latentCount];
            for (int i = 0; i < latentCount; i++)
                latents[i] = 4 + (ids[i % words] * 7 + i) % (vocab - 4);

            var pixels = new byte[side * side * 3];
            byte a = (byte)(ids[0] * 37 % 256), b = (byte)(255 - a);
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    for (int c = 0; c < 3; c++)
                        pixels[(y * side + x) * 3 + c] = (byte)((x < side / 2) == (c == 0) ? a : b);
            examples.Add(new TrainingExample(ids, mask, latents, pixels));
        }
        return examples;
    }

    public static double MeanOf(IEnumerable<double> values) => values.Average();
}
