using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Cli.Output;

/// <summary>
/// What the tool adds to the pipeline's record of an image before it is written: the base seed its seed was derived
/// from (the pipeline sees only the derived one), the package hash and the kaleido version. Added the same way by
/// every verb, so <c>render</c> of unchanged latents still writes the very bytes <c>generate</c> wrote.
/// </summary>
static class ImageRecord
{
    /// <summary><paramref name="rendered"/> with its latents document and PNG metadata completed.</summary>
    public static RenderedImage Complete(RenderedImage rendered, ulong? baseSeed, ModelIdentity model)
    {
        LatentsDocument? latents = rendered.Latents is null ? null : WithBaseSeed(rendered.Latents, baseSeed);
        return rendered with
        {
            Latents = latents,
            Metadata = rendered.Metadata with
            {
                Latents = latents is null ? null : LatentsDocumentWriter.Write(latents, indented: false),
                BaseSeed = baseSeed,
                PackageSha256 = model.PackageSha256,
                KaleidoVersion = Usage.Version,
            },
        };
    }

    /// <summary>A latents document that records the base seed its seed came from (none: the field is left out).</summary>
    public static LatentsDocument WithBaseSeed(LatentsDocument document, ulong? baseSeed) => document with { BaseSeed = baseSeed };
}
