using Kaleido.Runtime.Diffusion.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// Trains the toy models on fresh draws from the mixture. The denoiser follows the project's training
/// recipe (architecture-facts §2): k ~ U{0..T−1}, γ = γ'[k + 1], x_t = √γ·x0 + √(1−γ)·ε, time input k,
/// target v = √γ·ε − √(1−γ)·x0, mean squared error; each row's condition is replaced by the null one with
/// probability p_uncond so one network learns both p(x | cond) and p(x).
/// </summary>
public static class ToyTrainer
{
    /// <summary>Trains <paramref name="denoiser"/> in place; returns the mean loss of the last 100 steps.</summary>
    public static double TrainDenoiser(
        ToyDenoiser denoiser, ToyMixture mixture, NoiseSchedule schedule, ToyTrainingSettings settings, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(generator);
        settings.Validate();

        // 1. γ'[k + 1] for k = 0..T−1, from the runtime's table, once.
        int trainingSteps = schedule.TrainingSteps;
        float[] levels = Enumerable.Range(0, trainingSteps).Select(k => (float)schedule.TrainingLevel(k).Gamma).ToArray();
        using var gammaTable = tensor(levels);                                                        // [T]
        var conditioning = denoiser.Conditioning;

        denoiser.train();
        using var optimizer = optim.Adam(denoiser.parameters(), settings.LearningRate);
        var steps = new OptimizerSteps(optimizer, window: 100);
        for (int step = 0; step < settings.DenoiserSteps; step++)
        {
            using var scope = NewDisposeScope();
            SetLearningRate(optimizer, settings.LearningRate, step, settings.DenoiserSteps);

            // 2. Data, condition ids with dropout to null, noise level and noise.
            using var batch = mixture.Sample(settings.BatchSize, generator);
            var ids = conditioning.Ids(batch.Classes, batch.SubModes);                               // [B]
            var dropped = rand([settings.BatchSize], generator: generator) < settings.UnconditionalProbability;
            ids = ids.masked_fill(dropped, conditioning.NullId);
            var k = randint(0, trainingSteps, [settings.BatchSize], dtype: ScalarType.Int64, generator: generator); // [B]
            var gamma = gammaTable.index_select(0, k).unsqueeze(1);                                   // [B, 1]
            var epsilon = randn([settings.BatchSize, 2], generator: generator);                       // [B, 2]

            // 3. x_t and the v target.
            var signal = gamma.sqrt();
            var noise = (1 - gamma).sqrt();
            var xt = signal * batch.X0 + noise * epsilon;
            var target = signal * epsilon - noise * batch.X0;

            // 4. One Adam step on the MSE.
            var loss = nn.functional.mse_loss(denoiser.Forward(xt, k, ids), target);
            steps.Take(loss);
        }
        denoiser.eval();
        return steps.RecentMeanLoss;
    }

    /// <summary>Trains the mode prior p(z | c) with cross-entropy on the data's labels; returns the last loss.</summary>
    public static double TrainPrior(ToyModePrior prior, ToyMixture mixture, ToyTrainingSettings settings, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(generator);
        settings.Validate();

        prior.train();
        using var optimizer = optim.Adam(prior.parameters(), settings.LearningRate * 5);
        double lastLoss = double.NaN;
        for (int step = 0; step < settings.PriorSteps; step++)
        {
            using var scope = NewDisposeScope();
            SetLearningRate(optimizer, settings.LearningRate * 5, step, settings.PriorSteps);
            using var batch = mixture.Sample(settings.BatchSize, generator);
            var loss = nn.functional.cross_entropy(prior.Forward(batch.Classes), batch.SubModes);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lastLoss = loss.item<float>();
        }
        prior.eval();
        return lastLoss;
    }

    /// <summary>Cosine decay from <paramref name="peak"/> to 0 over the run.</summary>
    static void SetLearningRate(optim.Optimizer optimizer, double peak, int step, int steps)
    {
        double rate = peak * 0.5 * (1 + Math.Cos(Math.PI * step / steps));
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
    }
}
