using System.CommandLine;
using System.Diagnostics;
using Kaleido.Export.CommandLine;
using Kaleido.Export.Prior;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;
using static TorchSharp.torch;

namespace Kaleido.Export.Packaging.Fixtures;

/// <summary>
/// <c>kaleido-export fixtures --out DIR</c>: regenerates the committed test packages <c>tiny-kaleido</c> (a prior
/// fitted for a few seconds to <see cref="FixturePairs"/>, so it emits valid <c>text</c> latents; a random
/// denoiser) and <c>tiny-baseline</c> (the same encoder; another random denoiser). Same bytes on every
/// x86-64 machine with AVX2 (see <see cref="ReproducibleTorch"/>).
/// </summary>
public static class FixtureCommand
{
    public const string KaleidoName = "tiny-kaleido";
    public const string BaselineName = "tiny-baseline";

    /// <summary>Text latents: any character but four escapes is valid, so a prior fitted in seconds emits valid ones.</summary>
    public const string LatentKind = "text";

    const long Seed = 20250101;
    const int FitSteps = 80;
    const double LearningRate = 2e-2;

    public const string Name = "fixtures";

    /// <summary>The first line of the help, above System.CommandLine's description and options.</summary>
    public const string Synopsis = "usage: kaleido-export fixtures --out DIR";

    /// <summary>The command's options, as System.CommandLine parses them and prints their help.</summary>
    internal static Command Command { get; } = ExportCommandLine.Command(Name,
        "Regenerates the committed test packages tiny-kaleido and tiny-baseline (the same bytes on every x86-64 machine with AVX2).",
        ExportCommandLine.Text("--out", "the folder for both packages", required: true));

    public static void Run(CommandOptions options)
    {
        string output = options.Required("out");
        ReproducibleTorch.Pin();
        var clock = Stopwatch.StartNew();

        string tokenizerDirectory = Directory.CreateTempSubdirectory("kaleido-fixture-tokenizer-").FullName;
        try
        {
            FixtureTokenizer.Write(tokenizerDirectory);
            var tokenizer = KaleidoTokenizer.Load(tokenizerDirectory);
            ModelDefinition kaleido = ModelPresets.Create(ModelPresets.Tiny, ModelKind.Kaleido, LatentKind, tokenizer.Descriptor);
            ModelDefinition baseline = kaleido with { Kind = ModelKind.Baseline, LatentKind = null };

            using ModelWeights kaleidoWeights = ModelWeights.Random(kaleido, Seed);
            TeacherForcedExample[] examples = FixturePairs.All
                .Select(pair => TeacherForcedExample.Build(pair, tokenizer, kaleido.Conditioning, kaleido.Tokens))
                .ToArray();
            var (first, last) = PriorFitting.Fit(kaleidoWeights.Prior, examples, FitSteps, LearningRate);
            Console.Out.WriteLine($"prior fitted: {FitSteps} steps on {examples.Length} pairs, loss {first:F3} -> {last:F3} nats/token ({clock.Elapsed.TotalSeconds:F1} s)");
            CheckSampledLatents(kaleidoWeights.Prior, examples, tokenizer, kaleido.MaxLatentTokens);

            ModelPackageExporter.Write(kaleidoWeights, tokenizerDirectory, Path.Combine(output, KaleidoName), KaleidoName);

            using ModelWeights baselineWeights = ModelWeights.Random(baseline, Seed + 2);
            baselineWeights.Prior.load_state_dict(kaleidoWeights.Prior.state_dict());
            ModelPackageExporter.Write(baselineWeights, tokenizerDirectory, Path.Combine(output, BaselineName), BaselineName);
        }
        finally
        {
            Directory.Delete(tokenizerDirectory, recursive: true);
        }
        Console.Out.WriteLine($"wrote {KaleidoName} and {BaselineName} to {output} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Greedy and sampled latents for a few training captions must parse as the fixture's latent kind.</summary>
    static void CheckSampledLatents(T5Prior prior, TeacherForcedExample[] examples, KaleidoTokenizer tokenizer, int maxTokens)
    {
        using var generator = new Generator(7);
        foreach (int i in new[] { 0, 17, 40, 95 })
        {
            foreach (double temperature in new[] { 0.0, 1.0 })
            {
                int[] tokens = PriorSampling.Sample(prior, examples[i].CaptionIds, examples[i].CaptionMask, maxTokens, temperature, generator);
                string text = tokenizer.Decode(tokens);
                LatentsParser.Parse(Kaleido.Runtime.Latents.LatentKind.Text, text); // throws LatentsFormatException if invalid
                if (temperature == 0)
                    Console.Out.WriteLine($"  '{tokenizer.Decode(Array.ConvertAll(examples[i].CaptionIds, id => (int)id))}' -> '{text}'");
            }
        }
    }
}
