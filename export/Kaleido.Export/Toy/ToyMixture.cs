using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// The 2-D data of the paper's Fig. 3 toy (§3.1): classes of equal probability, each a mixture of
/// sub-modes that are isotropic Gaussians of one σ. Modes are stored class by class, so mode index
/// m = class · SubModesPerClass + sub-mode. Immutable.
/// </summary>
public sealed class ToyMixture
{
    readonly ToyMode[] _modes;

    /// <param name="modes">Class by class, sub-modes 0.. in order; every class has the same count and weights summing to 1.</param>
    /// <param name="sigma">σ of every mode.</param>
    /// <param name="classNames">One short name per class, for tables and logs.</param>
    public ToyMixture(IReadOnlyList<ToyMode> modes, double sigma, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(classNames);
        if (!(sigma > 0) || !double.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be finite and > 0.");
        if (classNames.Count < 1 || modes.Count == 0 || modes.Count % classNames.Count != 0)
            throw new ArgumentException(
                $"{modes.Count} modes cannot be split evenly over {classNames.Count} classes.", nameof(modes));

        int subModes = modes.Count / classNames.Count;
        for (int m = 0; m < modes.Count; m++)
        {
            var mode = modes[m];
            if (mode.ClassIndex != m / subModes || mode.SubMode != m % subModes)
                throw new ArgumentException(
                    $"Mode {m} is (class {mode.ClassIndex}, sub-mode {mode.SubMode}); expected (class {m / subModes}, sub-mode {m % subModes}).",
                    nameof(modes));
            if (!(mode.WeightInClass > 0))
                throw new ArgumentException($"Mode {m} has weight {mode.WeightInClass}; weights must be > 0.", nameof(modes));
        }
        for (int c = 0; c < classNames.Count; c++)
        {
            double total = modes.Skip(c * subModes).Take(subModes).Sum(mode => mode.WeightInClass);
            if (Math.Abs(total - 1.0) > 1e-9)
                throw new ArgumentException($"The weights of class {c} sum to {total}; expected 1.", nameof(modes));
        }

        _modes = [.. modes];
        Sigma = sigma;
        ClassNames = [.. classNames];
        SubModesPerClass = subModes;
    }

    /// <summary>
    /// Fig. 3's layout as guidance-collapse-toy.md gives it: A at (−2, 0) w 0.7 and (0, 0.8) w 0.3; B mirrored
    /// at (2, 0) and (0, −0.8); σ = 0.35. Each minority mode sits near the other class, which is what makes
    /// guidance move weight away from it (p(c|x) is smaller there).
    /// </summary>
    public static ToyMixture Paper { get; } = new(
        [
            new ToyMode(0, 0, -2.0f, 0.0f, 0.7),
            new ToyMode(0, 1, 0.0f, 0.8f, 0.3),
            new ToyMode(1, 0, 2.0f, 0.0f, 0.7),
            new ToyMode(1, 1, 0.0f, -0.8f, 0.3),
        ],
        sigma: 0.35,
        classNames: ["A", "B"]);

    /// <summary>Every mode, class by class.</summary>
    public IReadOnlyList<ToyMode> Modes => _modes;

    /// <summary>σ of every mode.</summary>
    public double Sigma { get; }

    /// <summary>One name per class.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes; each has probability 1/ClassCount.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Sub-modes per class (the values the latent z can take).</summary>
    public int SubModesPerClass { get; }

    /// <summary>The index of the mode whose centre is nearest to (x, y); ties go to the lower index.</summary>
    public int NearestMode(float x, float y)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int m = 0; m < _modes.Length; m++)
        {
            double dx = x - _modes[m].X, dy = y - _modes[m].Y;
            double distance = dx * dx + dy * dy;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = m;
            }
        }
        return best;
    }

    /// <summary>
    /// Draws <paramref name="count"/> points: mode m with probability WeightInClass/ClassCount, then centre + σ·ε.
    /// Every draw comes from <paramref name="generator"/>, so a seed fixes the batch.
    /// </summary>
    public ToyBatch Sample(int count, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(generator);

        using var probabilities = tensor(_modes.Select(mode => (float)(mode.WeightInClass / ClassCount)).ToArray());
        using var centres = tensor(_modes.SelectMany(mode => new[] { mode.X, mode.Y }).ToArray()).reshape(_modes.Length, 2); // [M, 2]
        var modeIndex = multinomial(probabilities, count, replacement: true, generator: generator);                // [N]
        using var noise = randn([count, 2], generator: generator);                                                  // [N, 2]
        var x0 = centres.index_select(0, modeIndex) + noise * Sigma;                                               // [N, 2]
        var classes = modeIndex.div(SubModesPerClass, rounding_mode: RoundingMode.floor);                          // [N]
        var subModes = modeIndex.remainder(SubModesPerClass);                                                      // [N]
        modeIndex.Dispose();
        return new ToyBatch(x0, classes, subModes);
    }
}
