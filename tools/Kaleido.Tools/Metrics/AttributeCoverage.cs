namespace Kaleido.Tools.Metrics;

/// <summary>
/// Attribute coverage: how much of an attribute vocabulary the samples of one caption show. Each sample contributes
/// the set of attribute values observed in it (from a detector or from ground-truth scene data); coverage is
/// |∪ observed| / |vocabulary|. 1 means every value appeared in at least one sample; a model that collapses to one
/// mode scores low.
/// </summary>
public static class AttributeCoverage
{
    /// <summary>
    /// The share of <paramref name="vocabulary"/> present among <paramref name="observedPerSample"/>. An observed value
    /// outside the vocabulary is an error (the detector and the vocabulary disagree), not silently ignored.
    /// </summary>
    public static double Compute(IEnumerable<IReadOnlyCollection<string>> observedPerSample, IReadOnlyCollection<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(observedPerSample);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var values = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        if (values.Count == 0)
            throw new ArgumentException("The attribute vocabulary is empty.", nameof(vocabulary));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        int sample = 0;
        foreach (var observed in observedPerSample)
        {
            foreach (string value in observed)
            {
                if (!values.Contains(value))
                    throw new ArgumentException(
                        $"Sample {sample} has the attribute '{value}', which is not in the vocabulary ({string.Join(", ", values.Order())}).",
                        nameof(observedPerSample));
                seen.Add(value);
            }
            sample++;
        }
        return (double)seen.Count / values.Count;
    }
}
