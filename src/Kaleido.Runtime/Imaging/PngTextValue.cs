using System.Text;

namespace Kaleido.Runtime.Imaging;

/// <summary>
/// Makes a value fit a PNG text chunk. The PNG specification (11.3.4) allows no NUL in tEXt, zTXt or iTXt text and
/// discourages the other control characters, which simple viewers print raw (ESC starts terminal escape sequences);
/// only line feed and tab have a defined use. So C0 controls other than LF and TAB, DEL and the C1 controls
/// (U+0080–U+009F) become U+FFFD, which shows that something was there. The exact prompt survives in the
/// <see cref="ImageMetadataKeys.Latents"/> chunk, whose JSON escapes control characters.
/// </summary>
public static class PngTextValue
{
    /// <summary>The character that stands for a control character the chunk cannot hold.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Whether <paramref name="c"/> may stand in a PNG text value as it is.</summary>
    public static bool IsAllowed(char c) => c is '\n' or '\t' || !(c < 0x20 || c is >= '\u007F' and <= '\u009F');

    /// <summary><paramref name="value"/> with every character that is not <see cref="IsAllowed"/> replaced; unchanged (the same instance) if none.</summary>
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.All(IsAllowed))
            return value;
        var cleaned = new StringBuilder(value.Length);
        foreach (char c in value)
            cleaned.Append(IsAllowed(c) ? c : Replacement);
        return cleaned.ToString();
    }
}
