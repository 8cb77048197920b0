using System.Security.Cryptography;
using System.Text;

namespace Kaleido.Cli.Serve;

/// <summary>
/// The server's bearer token check, <c>Authorization: Bearer TOKEN</c>. The comparison takes the same time whatever the
/// first wrong byte (<see cref="CryptographicOperations.FixedTimeEquals"/> over SHA-256 digests, so the length leaks
/// nothing either): a client cannot find the token a byte at a time by timing answers.
/// </summary>
sealed class BearerToken(string token)
{
    const string Scheme = "Bearer ";
    readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether the header value <paramref name="authorization"/> carries the token.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        string given = authorization[Scheme.Length..].Trim();
        if (given.Length > ServeSettings.MaxTokenLength)
            return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _digest);
    }
}
