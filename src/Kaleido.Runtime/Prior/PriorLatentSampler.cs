using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Prior;

/// <summary>Latents drawn for one image, and how many attempts it took (1 = the first draw parsed).</summary>
public sealed record SampledLatents(DiscreteLatents Latents, int Attempts);

/// <summary>
/// z ~ p(z | c) for one image: tokens from GenAI → text (tokenizer) → the package's latent grammar. A draw
/// that does not parse, or whose canonical text re-tokenizes to more tokens than the conditioning holds, is
/// thrown away and drawn again with the next attempt's seed, up to <see cref="PriorSamplingSettings.MaxAttempts"/>.
/// A draw cut at the token limit before eos is kept if it parses (like any length-limited generation): for
/// structured kinds a cut mid-item fails the grammar anyway.
/// </summary>
public sealed class PriorLatentSampler
{
    readonly GenAiTokenSampler _sampler;
    readonly KaleidoTokenizer _tokenizer;
    readonly LatentKind _kind;
    readonly VokenConstraints _vokens;
    readonly int _maxLatentTokens;

    /// <param name="maxLatentTokens">The manifest's limit: latents that re-tokenize longer cannot condition the denoiser.</param>
    public PriorLatentSampler(GenAiTokenSampler sampler, KaleidoTokenizer tokenizer, LatentKind kind, int maxLatentTokens)
    {
        _sampler = sampler;
        _tokenizer = tokenizer;
        _kind = kind;
        _vokens = tokenizer.CodebookSize > 0 ? new VokenConstraints(codebookSize: tokenizer.CodebookSize) : new VokenConstraints();
        _maxLatentTokens = maxLatentTokens;
    }

    /// <exception cref="LatentSamplingException">No attempt gave valid latents.</exception>
    public SampledLatents Sample(EncodedCaption caption, ulong seed, int imageIndex, PriorSamplingSettings settings)
    {
        int limit = settings.MaxLatentTokens ?? _maxLatentTokens;
        string lastProblem = "";
        Exception? lastException = null;
        for (int attempt = 0; attempt < settings.MaxAttempts; attempt++)
        {
            var (tokens, finished) = _sampler.Sample(caption, PriorSeed.Derive(seed, imageIndex, attempt), settings, limit);
            string text = _tokenizer.Decode(tokens);
            try
            {
                DiscreteLatents latents = LatentsParser.Parse(_kind, text, _vokens);
                int canonicalTokens = _tokenizer.Encode(LatentsFormatter.Format(latents)).Length;
                if (canonicalTokens > _maxLatentTokens)
                {
                    lastProblem = $"the latents take {canonicalTokens} tokens once written canonically; the model holds {_maxLatentTokens}";
                    continue;
                }
                return new SampledLatents(latents, attempt + 1);
            }
            catch (LatentsFormatException e)
            {
                lastProblem = finished ? e.Message : $"cut at the {limit}-token limit before eos, {e.Message}";
                lastException = e;
            }
        }
        throw new LatentSamplingException(
            $"The prior gave no valid {_kind.ToName()} latents for image {imageIndex} in {settings.MaxAttempts} attempts " +
            $"(last problem: {lastProblem}). Try another seed, a lower temperature or more attempts.",
            imageIndex, settings.MaxAttempts, lastException);
    }
}
