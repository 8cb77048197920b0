namespace Kaleido.Runtime.Text;

/// <summary>A caption encoded to a fixed length: right-padded ids and the matching attention mask.</summary>
/// <param name="Ids">[L] token ids, padded with the pad id after the caption.</param>
/// <param name="AttentionMask">[L] 1 for caption tokens (eos included), 0 for padding.</param>
/// <param name="TokenCount">Number of caption tokens before the padding.</param>
/// <param name="Truncated">Whether tokens were cut to fit (only when truncation was asked for).</param>
public sealed record FixedLengthEncoding(int[] Ids, int[] AttentionMask, int TokenCount, bool Truncated);
