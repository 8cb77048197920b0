using System.Text;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// Reads latent text (grammar in docs/latents.md) into its structure. One left-to-right pass, no
/// backtracking, so time is linear in the text's length. Any text that does not follow the grammar
/// gives a <see cref="LatentsFormatException"/> with the position and what was expected there.
/// </summary>
public static class LatentsParser
{
    public static DiscreteLatents Parse(LatentKind kind, string text, VokenConstraints? vokenConstraints = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind switch
        {
            LatentKind.Text => ParseText(text),
            LatentKind.Bbox => ParseBbox(text),
            LatentKind.Blob => ParseBlob(text),
            LatentKind.Voken => ParseVoken(text, vokenConstraints),
            LatentKind.Combined => ParseCombined(text, vokenConstraints),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a latent kind."),
        };
    }

    public static TextLatents ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadText(ParseContext.Whole(LatentKind.Text, text), 0);
    }

    public static BboxLatents ParseBbox(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadBbox(ParseContext.Whole(LatentKind.Bbox, text), 0);
    }

    public static BlobLatents ParseBlob(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var context = ParseContext.Whole(LatentKind.Blob, text);
        var (phrases, tail) = ReadGroundedCaption(context, 0, RegionShape.Blob);
        var grounded = phrases.Select(p => new GroundedBlob(p.Phrase,
            new ObjectBlob(p.Values[0], p.Values[1], p.Values[2], p.Values[3], p.Values[4])));
        return new BlobLatents(grounded, tail);
    }

    public static VokenLatents ParseVoken(string text, VokenConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadVoken(ParseContext.Whole(LatentKind.Voken, text), 0, constraints);
    }

    /// <summary>text | bbox | voken, split at the two unescaped '|', each separator exactly " | ".</summary>
    public static CombinedLatents ParseCombined(string text, VokenConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = CutCombined(text);
        return new CombinedLatents(
            ReadText(sections.Text, 0),
            ReadBbox(sections.Bbox, sections.BboxStart),
            ReadVoken(sections.Voken, sections.VokenStart, constraints));
    }

    /// <summary>
    /// The objects the latent text places, each with the span of characters that spell it (its phrase through
    /// the ')' that closes its region) and its box: a bbox's own box, a blob's bounding box. Kinds without
    /// regions (text, voken) place none. The text must parse as <paramref name="kind"/>.
    /// </summary>
    public static IReadOnlyList<PlacedObject> LocateObjects(LatentKind kind, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (kind)
        {
            case LatentKind.Bbox:
                return Placed(ReadGroundedCaption(ParseContext.Whole(kind, text), 0, RegionShape.Box).Phrases, RegionShape.Box);
            case LatentKind.Blob:
                return Placed(ReadGroundedCaption(ParseContext.Whole(kind, text), 0, RegionShape.Blob).Phrases, RegionShape.Blob);
            case LatentKind.Combined:
                var sections = CutCombined(text);
                return Placed(ReadGroundedCaption(sections.Bbox, sections.BboxStart, RegionShape.Box).Phrases, RegionShape.Box);
            case LatentKind.Text:
            case LatentKind.Voken:
                Parse(kind, text);
                return [];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a latent kind.");
        }
    }

    static PlacedObject[] Placed(List<GroundedPhrase> phrases, RegionShape shape) =>
        phrases.Select(p => new PlacedObject(p.Start, p.End, shape == RegionShape.Box
            ? new BoundingBox(p.Values[0], p.Values[1], p.Values[2], p.Values[3])
            : new ObjectBlob(p.Values[0], p.Values[1], p.Values[2], p.Values[3], p.Values[4]).BoundingBox())).ToArray();

    /// <summary>Cuts combined latents into its three sections, checking the separators.</summary>
    static (ParseContext Text, ParseContext Bbox, int BboxStart, ParseContext Voken, int VokenStart) CutCombined(string text)
    {
        var whole = ParseContext.Whole(LatentKind.Combined, text);
        // 1. Find the separators. Escapes are skipped here and checked by the section readers.
        Span<int> pipes = stackalloc int[2];
        int pipeCount = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }
            if (text[i] != '|')
                continue;
            if (pipeCount == 2)
                throw whole.Error(i, "expected exactly three sections 'text | bbox | voken' but found a third '|' (write '\\|' for a literal '|')");
            pipes[pipeCount++] = i;
        }
        if (pipeCount < 2)
        {
            string missing = pipeCount == 0 ? "' | ' after the text section" : "' | ' after the bbox section";
            throw whole.Error(text.Length, $"expected {missing} but found end of text");
        }

        // 2. Check each separator is " | " and cut the sections.
        foreach (int pipe in pipes)
        {
            if (pipe == 0 || text[pipe - 1] != ' ')
                throw whole.Error(pipe, $"expected ' ' before the section separator '|' but found {(pipe == 0 ? "start of text" : whole.Found(pipe - 1))}");
            if (pipe + 1 >= text.Length || text[pipe + 1] != ' ')
                throw whole.Error(pipe + 1, $"expected ' ' after the section separator '|' but found {whole.Found(pipe + 1)}");
        }
        int textEnd = pipes[0] - 1;
        int bboxStart = pipes[0] + 2;
        int bboxEnd = pipes[1] - 1;
        int vokenStart = pipes[1] + 2;
        if (bboxEnd < bboxStart)
            throw whole.Error(pipes[1], "expected the bbox section between the two ' | ' separators but found '|'");

        // 3. The sections; positions stay offsets into the whole text.
        const string separatorEnd = "' | ' (end of the section)";
        var textSection = new ParseContext(text, LatentKind.Combined, "combined latents, text section", textEnd, separatorEnd);
        var bboxSection = new ParseContext(text, LatentKind.Combined, "combined latents, bbox section", bboxEnd, separatorEnd);
        var vokenSection = new ParseContext(text, LatentKind.Combined, "combined latents, voken section", text.Length, "end of text");
        return (textSection, bboxSection, bboxStart, vokenSection, vokenStart);
    }

    static TextLatents ReadText(in ParseContext context, int start)
    {
        if (start >= context.End)
            throw context.Error(start, $"expected a non-empty description but found {context.EndName}");
        return new TextLatents(ReadFreeText(context, start, context.End));
    }

    static BboxLatents ReadBbox(in ParseContext context, int start)
    {
        var (phrases, tail) = ReadGroundedCaption(context, start, RegionShape.Box);
        var grounded = phrases.Select(p => new GroundedBox(p.Phrase,
            new BoundingBox(p.Values[0], p.Values[1], p.Values[2], p.Values[3])));
        return new BboxLatents(grounded, tail);
    }

    /// <summary>
    /// phrase "(" numbers ")" { phrase "(" numbers ")" } tail. Every unescaped '(' opens a region;
    /// whitespace around a phrase is a separator, the tail after the last region is kept verbatim.
    /// </summary>
    static (List<GroundedPhrase> Phrases, string Tail) ReadGroundedCaption(
        in ParseContext context, int start, RegionShape shape)
    {
        string source = context.Source;
        int end = context.End;
        var phrases = new List<GroundedPhrase>();
        int position = start;
        while (true)
        {
            // Up to the next unescaped '(' (or the end): a phrase, or the tail.
            int segmentStart = position;
            while (position < end && source[position] != '(')
                position += source[position] == '\\' ? 2 : 1;
            position = Math.Min(position, end);

            if (position == end)
            {
                string tail = ReadFreeText(context, segmentStart, end);
                if (phrases.Count == 0)
                    throw context.Error(end, $"expected '(' starting the {shape.RegionName} of the first phrase but found {context.EndName}");
                return (phrases, tail);
            }

            int phraseStart = segmentStart;
            int phraseEnd = position;
            while (phraseStart < phraseEnd && char.IsWhiteSpace(source[phraseStart])) phraseStart++;
            while (phraseEnd > phraseStart && char.IsWhiteSpace(source[phraseEnd - 1])) phraseEnd--;
            if (phraseStart == phraseEnd)
                throw context.Error(position, $"expected a phrase before the {shape.RegionName} but found '('");
            string phrase = ReadFreeText(context, phraseStart, phraseEnd);

            position++; // past '('
            int[] values = ReadRegion(context, ref position, shape);
            phrases.Add(new GroundedPhrase(phrase, values, phraseStart, position));
        }
    }

    /// <summary>A phrase, its region's values, and the span [Start, End) from the phrase to past its ')'.</summary>
    readonly record struct GroundedPhrase(string Phrase, int[] Values, int Start, int End);

    /// <summary>Reads "a, b, ...)" after the '(' with any whitespace around the numbers.</summary>
    static int[] ReadRegion(in ParseContext context, ref int position, RegionShape shape)
    {
        int count = shape.Names.Length;
        int[] values = new int[count];
        Span<int> starts = stackalloc int[count];
        for (int k = 0; k < count; k++)
        {
            SkipWhitespace(context, ref position);
            starts[k] = position;
            values[k] = ReadInteger(context, ref position, shape.Names[k], shape.Maxima[k], shape.RangeTexts[k]);
            SkipWhitespace(context, ref position);
            char expected = k < count - 1 ? ',' : ')';
            if (position >= context.End || context.Source[position] != expected)
            {
                string what = k < count - 1 ? $"',' after {shape.Names[k]}" : $"')' closing the {shape.RegionName} after {shape.Names[k]}";
                throw context.Error(position, $"expected {what} but found {context.Found(position)}");
            }
            position++;
        }

        // Orderings between values, reported at whichever of the pair comes later in the text.
        foreach (var (smaller, larger) in shape.Orderings)
        {
            if (values[smaller] <= values[larger])
                continue;
            throw larger > smaller
                ? context.Error(starts[larger], $"expected {shape.Names[larger]} >= {shape.Names[smaller]} ({values[smaller]}) but found {values[larger]}")
                : context.Error(starts[smaller], $"expected {shape.Names[smaller]} <= {shape.Names[larger]} ({values[larger]}) but found {values[smaller]}");
        }
        return values;
    }

    static VokenLatents ReadVoken(in ParseContext context, int start, VokenConstraints? constraints)
    {
        string source = context.Source;
        int end = context.End;
        var codes = new List<int>();
        int position = start;
        while (true)
        {
            if (position >= end || source[position] != '<')
                throw context.Error(position, $"expected '<v' starting visual code {codes.Count} but found {context.Found(position)}");
            position++;
            if (position >= end || source[position] != 'v')
                throw context.Error(position, $"expected 'v' after '<' but found {context.Found(position)}");
            position++;
            int codeStart = position;
            int code = ReadInteger(context, ref position, "a visual code", int.MaxValue, $"[0, {int.MaxValue}]");
            if (constraints?.CodebookSize is { } size && code >= size)
                throw context.Error(codeStart, $"expected a visual code below the codebook size {size} but found {code}");
            if (position >= end || source[position] != '>')
                throw context.Error(position, $"expected '>' closing the visual code but found {context.Found(position)}");
            position++;
            codes.Add(code);

            if (position == end)
                break;
            if (source[position] != '#')
                throw context.Error(position, $"expected '#' between visual codes but found {context.Found(position)}");
            if (constraints?.ExpectedCount is { } most && codes.Count == most)
                throw context.Error(position, $"expected exactly {most} visual codes but found more ('#' after code {most - 1})");
            position++;
        }
        if (constraints?.ExpectedCount is { } expected && codes.Count != expected)
            throw context.Error(end, $"expected {expected} visual codes but found {codes.Count}");
        return new VokenLatents(codes);
    }

    /// <summary>
    /// A decimal integer of ASCII digits, no sign, no leading zeros. The value stops growing once it
    /// passes int.MaxValue, so a number of any length is reported as out of range, never overflows.
    /// </summary>
    static int ReadInteger(in ParseContext context, ref int position, string name, int max, string rangeText)
    {
        string source = context.Source;
        int start = position;
        if (position >= context.End || !char.IsAsciiDigit(source[position]))
            throw context.Error(position, $"expected {name} (an integer in {rangeText}) but found {context.Found(position)}");
        long value = 0;
        while (position < context.End && char.IsAsciiDigit(source[position]))
        {
            if (value <= int.MaxValue)
                value = value * 10 + (source[position] - '0');
            position++;
        }
        if (position - start > 1 && source[start] == '0')
            throw context.Error(start, $"expected {name} without leading zeros but found {context.Excerpt(start, position)}");
        if (value > max)
            throw context.Error(start, $"expected {name} in {rangeText} but found {context.Excerpt(start, position)}");
        return (int)value;
    }

    static void SkipWhitespace(in ParseContext context, ref int position)
    {
        while (position < context.End && char.IsWhiteSpace(context.Source[position]))
            position++;
    }

    /// <summary>Unescapes free text in [start, end); an unescaped '|', '(' or '#' or a bad escape is an error.</summary>
    static string ReadFreeText(in ParseContext context, int start, int end)
    {
        string source = context.Source;
        var builder = new StringBuilder(end - start);
        for (int i = start; i < end; i++)
        {
            char c = source[i];
            if (c == '\\')
            {
                // An escape is read whole even when its second character lies past 'end' (a phrase
                // cut before "\ (" ): the message then names the character really there.
                if (i + 1 >= end || !FreeText.MustEscape(source[i + 1]))
                    throw context.Error(i + 1,
                        $"expected '\\', '|', '(' or '#' after the escape character '\\' but found {context.Found(i + 1)}");
                builder.Append(source[i + 1]);
                i++;
                continue;
            }
            if (FreeText.MustEscape(c))
                throw context.Error(i, $"expected free text but found an unescaped '{c}' (write '\\{c}' for a literal '{c}')");
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(source[i + 1]))
            {
                builder.Append(c).Append(source[i + 1]);
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                throw context.Error(i, $"expected valid UTF-16 text but found an unpaired surrogate {context.Found(i)}");
            builder.Append(c);
        }
        return builder.ToString();
    }
}
