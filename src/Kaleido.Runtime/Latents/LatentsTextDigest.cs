using System.Security.Cryptography;
using System.Text;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// A latents document's <c>textDigest</c>: the first 16 hex digits (64 bits) of the SHA-256 of the canonical
/// <c>text</c> as written. Not a security measure: it only tells, when a person's edit made <c>text</c> and
/// <c>items</c> disagree, which of the two was edited (docs/latents.md).
/// </summary>
public static class LatentsTextDigest
{
    public const int Length = 16;

    public static string Of(string canonicalText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)))[..Length];
}
