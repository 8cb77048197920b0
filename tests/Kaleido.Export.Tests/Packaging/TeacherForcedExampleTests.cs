using System.Text;
using Kaleido.Export.Packaging;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Tests.Packaging;

/// <summary>
/// The trainer's teacher-forced inputs (<see cref="TeacherForcedExample"/>) equal the runtime's for one latents
/// file: latents JSON → parse → tokenize → decoder inputs and the denoiser's conditioning mask.
/// </summary>
public sealed class TeacherForcedExampleTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("kaleido-teacher-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    const string LatentsJson = """
        {
          "format": "kaleido-latents",
          "version": 1,
          "prompt": "a dog on a mat",
          "kind": "bbox",
          "text": "Dog(1,33 ,995,995 ) on a mat (1, 630, 785, 998)."
        }
        """;

    [Fact]
    public void Trainer_and_runtime_build_the_same_decoder_inputs_and_conditioning_mask()
    {
        FixtureTokenizer.Write(_dir);
        var tokenizer = KaleidoTokenizer.Load(_dir);
        ModelDefinition definition = ModelPresets.Create(ModelPresets.Tiny, ModelKind.Kaleido, "bbox", tokenizer.Descriptor);
        ConditioningSpec spec = definition.Conditioning;
        string file = Path.Combine(_dir, "latents.json");
        File.WriteAllText(file, LatentsJson);

        // Trainer: the example it fits the prior and the denoiser on.
        LatentsDocument document = LatentsDocumentReader.Read(File.ReadAllText(file));
        TeacherForcedExample trainer = TeacherForcedExample.Build(document, tokenizer, spec, definition.Tokens);

        // Runtime: the steps its render path takes for a latents file, called one by one.
        var runtimeDoc = LatentsDocumentReader.Read(File.ReadAllText(file));
        int[] latentTokens = tokenizer.Encode(LatentsParser.Parse(runtimeDoc.Kind, runtimeDoc.Latents.ToText()).ToText());
        var ids = new long[DecoderInputs.Length(spec.MaxLatentTokens)];
        var mask = new long[ids.Length];
        DecoderInputs.Build(latentTokens, definition.Tokens, spec.MaxLatentTokens, ids, mask);
        FixedLengthEncoding caption = tokenizer.EncodeFixedLength(runtimeDoc.Prompt, spec.MaxCaptionTokens);
        var conditioning = new float[spec.Length * spec.Width];
        var conditioningMask = new long[spec.Length];
        ConditioningSequence.Concatenate(new float[spec.MaxCaptionTokens * spec.Width], Array.ConvertAll(caption.AttentionMask, m => (long)m),
            new float[ids.Length * spec.Width], mask, spec.Width, conditioning, conditioningMask);

        Assert.Equal(ids, trainer.DecoderIds);
        Assert.Equal(mask, trainer.DecoderMask);
        Assert.Equal(conditioningMask, trainer.ConditioningMask);
        Assert.Equal(caption.Ids.Select(i => (long)i), trainer.CaptionIds);

        // Independent expectation: the byte-level fixture tokenizer maps byte b to id 4 + b, and the canonical
        // text respaces the first box.
        long[] bytes = Encoding.UTF8.GetBytes("Dog (1, 33, 995, 995) on a mat (1, 630, 785, 998).").Select(b => 4L + b).ToArray();
        long[] expectedIds = [2, .. bytes, .. new long[ids.Length - 1 - bytes.Length]];
        Assert.Equal(expectedIds, trainer.DecoderIds);
        long[] expectedTargets = [.. bytes, 1, .. Enumerable.Repeat(TeacherForcedExample.IgnoredTarget, ids.Length - 1 - bytes.Length)];
        Assert.Equal(expectedTargets, trainer.Targets);
        int captionTokens = "a dog on a mat".Length + 1;
        long[] expectedMask = [.. Ones(captionTokens), .. new long[spec.MaxCaptionTokens - captionTokens], .. Ones(1 + bytes.Length), .. new long[ids.Length - 1 - bytes.Length]];
        Assert.Equal(expectedMask, trainer.ConditioningMask);
    }

    [Fact]
    public void Latents_longer_than_the_model_takes_are_a_user_error()
    {
        FixtureTokenizer.Write(_dir);
        var tokenizer = KaleidoTokenizer.Load(_dir);
        ModelDefinition definition = ModelPresets.Create(ModelPresets.Tiny, ModelKind.Kaleido, "text", tokenizer.Descriptor);
        var document = new LatentsDocument("a dog", new TextLatents(new string('x', definition.MaxLatentTokens + 1)));
        var e = Assert.ThrowsAny<Kaleido.Runtime.UserInputException>(() =>
            TeacherForcedExample.Build(document, tokenizer, definition.Conditioning, definition.Tokens));
        Assert.Contains($"at most {definition.MaxLatentTokens}", e.Message);
    }

    static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
