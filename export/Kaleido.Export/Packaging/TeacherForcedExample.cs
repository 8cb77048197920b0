using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Packaging;

/// <summary>
/// One training example for the prior and the Kaleido denoiser, built from a latents document the way the
/// runtime builds its inputs: the prompt encoded to the fixed caption length, the latents' canonical text
/// tokenized without eos, and the decoder inputs from the runtime's <see cref="DecoderInputs"/>.
/// </summary>
/// <param name="CaptionIds">[Lc] caption ids ending in eos, right-padded with pad.</param>
/// <param name="CaptionMask">[Lc] 1 for caption tokens.</param>
/// <param name="DecoderIds">[Ld] = [start, z₁, …, zₙ, pad…] (Ld = maxLatentTokens + 1).</param>
/// <param name="DecoderMask">[Ld] 1 for start and latent tokens.</param>
/// <param name="Targets">[Ld] = [z₁, …, zₙ, eos, ignore…]: the next token at each decoder input.</param>
/// <param name="ConditioningMask">[Lc + Ld] the denoiser's mask: caption mask then decoder mask.</param>
public sealed record TeacherForcedExample(
    long[] CaptionIds, long[] CaptionMask, long[] DecoderIds, long[] DecoderMask, long[] Targets, long[] ConditioningMask)
{
    /// <summary>The target at padded positions; cross-entropy skips it.</summary>
    public const long IgnoredTarget = -100;

    /// <exception cref="UserInputException">The caption or the latents are longer than the model takes.</exception>
    public static TeacherForcedExample Build(LatentsDocument document, KaleidoTokenizer tokenizer, ConditioningSpec conditioning, SpecialTokens tokens)
    {
        FixedLengthEncoding caption = tokenizer.EncodeFixedLength(document.Prompt, conditioning.MaxCaptionTokens);
        int[] latentTokens = tokenizer.Encode(document.Latents.ToText());

        int length = DecoderInputs.Length(conditioning.MaxLatentTokens);
        var decoderIds = new long[length];
        var decoderMask = new long[length];
        DecoderInputs.Build(latentTokens, tokens, conditioning.MaxLatentTokens, decoderIds, decoderMask);

        // shift_right's other half: the target at input i is the token after it, and eos after the last latent.
        var targets = new long[length];
        Array.Fill(targets, IgnoredTarget);
        for (int i = 0; i < latentTokens.Length; i++)
            targets[i] = latentTokens[i];
        targets[latentTokens.Length] = tokens.Eos;

        long[] captionMask = Array.ConvertAll(caption.AttentionMask, m => (long)m);
        return new TeacherForcedExample(
            Array.ConvertAll(caption.Ids, id => (long)id), captionMask, decoderIds, decoderMask, targets,
            [.. captionMask, .. decoderMask]);
    }
}
