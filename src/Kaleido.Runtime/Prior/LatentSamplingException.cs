namespace Kaleido.Runtime.Prior;

/// <summary>
/// The prior produced no valid latents for an image within the allowed attempts. A user-facing error
/// (a weak or mismatched model, or settings such as a high temperature), with its own exit code in the CLI.
/// </summary>
public sealed class LatentSamplingException(string message, int imageIndex, int attempts, Exception? lastProblem)
    : UserInputException(message, lastProblem)
{
    public int ImageIndex { get; } = imageIndex;
    public int Attempts { get; } = attempts;
}
