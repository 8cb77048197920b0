using System.Globalization;
using System.Text;

namespace Kaleido.Runtime.Latents;

/// <summary>Writes the canonical latent text of each kind (grammar in docs/latents.md).</summary>
public static class LatentsFormatter
{
    /// <summary>Separates the sections of combined latents.</summary>
    public const string SectionSeparator = " | ";

    public static string Format(DiscreteLatents latents)
    {
        ArgumentNullException.ThrowIfNull(latents);
        var builder = new StringBuilder();
        Append(builder, latents);
        return builder.ToString();
    }

    static void Append(StringBuilder builder, DiscreteLatents latents)
    {
        switch (latents)
        {
            case TextLatents text:
                FreeText.AppendEscaped(builder, text.Description);
                break;
            case BboxLatents bbox:
                AppendGrounded(builder, bbox.Phrases, bbox.Tail);
                break;
            case BlobLatents blob:
                AppendGrounded(builder, blob.Phrases, blob.Tail);
                break;
            case VokenLatents voken:
                for (int i = 0; i < voken.Codes.Count; i++)
                {
                    if (i > 0)
                        builder.Append('#');
                    builder.Append("<v").Append(voken.Codes[i].ToString(CultureInfo.InvariantCulture)).Append('>');
                }
                break;
            case CombinedLatents combined:
                Append(builder, combined.Text);
                builder.Append(SectionSeparator);
                Append(builder, combined.Bbox);
                builder.Append(SectionSeparator);
                Append(builder, combined.Voken);
                break;
            default:
                throw new ArgumentException($"Unknown latents type {latents.GetType().Name}.", nameof(latents));
        }
    }

    // Boxes and blobs are written alike: each phrase with its region's numbers, then the tail.
    static void AppendGrounded(StringBuilder builder, IReadOnlyList<GroundedPhrase> phrases, string tail)
    {
        for (int i = 0; i < phrases.Count; i++)
        {
            AppendPhrase(builder, i, phrases[i].Phrase);
            AppendNumbers(builder, phrases[i].RegionNumbers());
        }
        FreeText.AppendEscaped(builder, tail);
    }

    // "phrase_0 (" for the first item, " phrase_i (" for the next ones.
    static void AppendPhrase(StringBuilder builder, int index, string phrase)
    {
        if (index > 0)
            builder.Append(' ');
        FreeText.AppendEscaped(builder, phrase);
        builder.Append(" (");
    }

    // "a, b, c, d)" — the opening parenthesis comes with the phrase.
    static void AppendNumbers(StringBuilder builder, ReadOnlySpan<int> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
                builder.Append(", ");
            builder.Append(values[i].ToString(CultureInfo.InvariantCulture));
        }
        builder.Append(')');
    }
}
