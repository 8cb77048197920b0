namespace Kaleido.Tools.Metrics;

/// <summary>
/// N feature vectors of one dimension D, copied into double precision ([N, D], row-major), validated once:
/// every row the same length, every value finite.
/// </summary>
public sealed class FeatureSet
{
    private readonly double[] _values;

    private FeatureSet(double[] values, int count, int dimension)
    {
        _values = values;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>N, the number of vectors.</summary>
    public int Count { get; }

    /// <summary>D, the length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Vector i as a view of length D.</summary>
    public ReadOnlySpan<double> Row(int i) => _values.AsSpan(i * Dimension, Dimension);

    /// <summary>Copies <paramref name="rows"/>; <paramref name="name"/> names the set in error messages ("real", "generated").</summary>
    public static FeatureSet From(IReadOnlyList<double[]> rows, string name) =>
        From(rows.Count, rows.Count == 0 ? 0 : rows[0].Length, (i, row) =>
        {
            if (rows[i].Length != row.Length)
                throw new ArgumentException($"The {name} features: row {i} has {rows[i].Length} values; row 0 has {row.Length}.", nameof(rows));
            rows[i].CopyTo(row);
        }, name);

    /// <summary>Copies <paramref name="rows"/> (single precision, as a feature network returns them).</summary>
    public static FeatureSet From(IReadOnlyList<float[]> rows, string name) =>
        From(rows.Count, rows.Count == 0 ? 0 : rows[0].Length, (i, row) =>
        {
            if (rows[i].Length != row.Length)
                throw new ArgumentException($"The {name} features: row {i} has {rows[i].Length} values; row 0 has {row.Length}.", nameof(rows));
            for (int j = 0; j < row.Length; j++)
                row[j] = rows[i][j];
        }, name);

    /// <summary>Reads <paramref name="count"/> rows of <paramref name="dimension"/> values from a flat row-major buffer [N, D].</summary>
    public static FeatureSet FromFlat(ReadOnlySpan<float> values, int count, int dimension, string name)
    {
        if ((long)count * dimension != values.Length)
            throw new ArgumentException($"The {name} features: {values.Length} values do not make {count} rows of {dimension}.", nameof(values));
        var copy = new double[values.Length];
        for (int i = 0; i < copy.Length; i++)
            copy[i] = values[i];
        return Validated(copy, count, dimension, name);
    }

    private delegate void RowFiller(int index, Span<double> row);

    private static FeatureSet From(int count, int dimension, RowFiller fill, string name)
    {
        var values = new double[checked(count * dimension)];
        for (int i = 0; i < count; i++)
            fill(i, values.AsSpan(i * dimension, dimension));
        return Validated(values, count, dimension, name);
    }

    private static FeatureSet Validated(double[] values, int count, int dimension, string name)
    {
        if (count == 0 || dimension == 0)
            throw new ArgumentException($"The {name} features are empty ({count} vectors of {dimension} values).");
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"The {name} features: row {i / dimension}, value {i % dimension} is {values[i]}; expected a finite number.");
        }
        return new FeatureSet(values, count, dimension);
    }
}
