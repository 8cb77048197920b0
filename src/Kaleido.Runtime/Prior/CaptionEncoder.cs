using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;
using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Runtime.Prior;

/// <summary>
/// Runs encoder.onnx on one caption at the package's fixed caption length. Its states are both the prior's
/// cross-attention input and the caption half of the denoiser's conditioning.
/// </summary>
public sealed class CaptionEncoder
{
    static readonly string[] OutputNames = [GraphNames.Encoder.HiddenStates];
    readonly InferenceSession _session;
    readonly KaleidoTokenizer? _tokenizer;

    /// <param name="session">An open encoder.onnx session, already checked against the manifest.</param>
    /// <param name="captionLength">Lc from the manifest.</param>
    /// <param name="width">D from the manifest.</param>
    /// <param name="tokenizer">The package's tokenizer, for captions given as text; null when only ids are encoded.</param>
    public CaptionEncoder(InferenceSession session, int captionLength, int width, KaleidoTokenizer? tokenizer = null)
    {
        _session = session;
        _tokenizer = tokenizer;
        CaptionLength = captionLength;
        Width = width;
    }

    public int CaptionLength { get; }
    public int Width { get; }

    /// <summary>The caption's ids at the fixed length Lc, eos appended: the one place captions are tokenized.</summary>
    /// <exception cref="CaptionTooLongException">The caption needs more than Lc tokens and <paramref name="truncate"/> is off.</exception>
    public FixedLengthEncoding Tokenize(string caption, bool truncate = false)
    {
        if (_tokenizer is null)
            throw new InvalidOperationException("This encoder was made without a tokenizer; encode ids instead.");
        return _tokenizer.EncodeFixedLength(caption, CaptionLength, appendEos: true, truncate);
    }

    /// <summary>Tokenizes and encodes <paramref name="caption"/>.</summary>
    /// <exception cref="CaptionTooLongException">The caption needs more than Lc tokens and <paramref name="truncate"/> is off.</exception>
    public EncodedCaption Encode(string caption, bool truncate = false) => Encode(Tokenize(caption, truncate));

    /// <summary>Encodes an already tokenized caption of exactly Lc ids.</summary>
    public EncodedCaption Encode(FixedLengthEncoding caption)
    {
        if (caption.Ids.Length != CaptionLength)
            throw new ArgumentException($"The caption has {caption.Ids.Length} ids; the encoder takes {CaptionLength}.", nameof(caption));
        long[] ids = Array.ConvertAll(caption.Ids, id => (long)id);
        long[] mask = Array.ConvertAll(caption.AttentionMask, m => (long)m);
        long[] shape = [1, CaptionLength];

        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions,
            [GraphNames.Encoder.InputIds, GraphNames.Encoder.AttentionMask], [idsValue, maskValue], OutputNames);
        float[] states = outputs[0].GetTensorDataAsSpan<float>().ToArray(); // [1, Lc, D] → [Lc, D]
        return new EncodedCaption(states, mask, Width);
    }
}
