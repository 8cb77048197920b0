namespace Kaleido.Runtime.Sessions;

/// <summary>Load-time settings of every ONNX Runtime session of a run. Immutable.</summary>
public sealed record SessionSettings
{
    /// <summary>CPU: works everywhere; CUDA must be asked for explicitly.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime use one per physical core.</summary>
    public int IntraOpThreads { get; init; }

    /// <exception cref="UserInputException">A value is out of range.</exception>
    public void Validate()
    {
        if (IntraOpThreads < 0)
            throw new UserInputException($"threads is {IntraOpThreads}; expected 0 (one per core) or a positive count.");
        if (!Enum.IsDefined(Device))
            throw new UserInputException($"device {(int)Device} is not known; expected cpu or cuda.");
    }
}
