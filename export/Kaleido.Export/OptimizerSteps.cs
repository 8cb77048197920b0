using static TorchSharp.torch;

namespace Kaleido.Export;

/// <summary>
/// The steps of a small trainer's loop: each one a gradient step of the optimizer on that step's loss, and the
/// mean loss of the last <paramref name="window"/> steps, which the trainer reports (steadier than the last step's).
/// </summary>
internal sealed class OptimizerSteps(optim.Optimizer optimizer, int window)
{
    private readonly Queue<double> _recentLosses = new();

    /// <summary>Zeroes the gradients, back-propagates <paramref name="loss"/>, steps, and keeps the loss.</summary>
    public void Take(Tensor loss)
    {
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();

        _recentLosses.Enqueue(loss.item<float>());
        if (_recentLosses.Count > window)
            _recentLosses.Dequeue();
    }

    /// <summary>The mean loss of the last (up to) window steps.</summary>
    public double RecentMeanLoss => _recentLosses.Average();
}
