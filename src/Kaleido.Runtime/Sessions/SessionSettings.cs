using Kaleido.Runtime.Settings;

namespace Kaleido.Runtime.Sessions;

/// <summary>Load-time settings of every ONNX Runtime session of a run. Immutable.</summary>
public sealed record SessionSettings
{
    /// <summary>CPU: works everywhere; CUDA must be asked for explicitly.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    /// <summary>
    /// Threads inside one operator; 0 chooses by the idle CPUs when the sessions open (<see cref="IntraOpThreading"/>). At most the machine's logical
    /// CPUs: more only oversubscribes the cores (and 100,000 made ONNX Runtime hang while growing to gigabytes).
    /// </summary>
    public int IntraOpThreads { get; init; }

    /// <summary>The most <see cref="IntraOpThreads"/> takes: the logical CPUs this process may use.</summary>
    public static int MaxIntraOpThreads => Environment.ProcessorCount;

    /// <exception cref="UserInputException">A value is out of range; a thread count names its setting key.</exception>
    public void Validate()
    {
        SettingCheck.Require(IntraOpThreads >= 0 && IntraOpThreads <= MaxIntraOpThreads, SettingKeys.Threads, IntraOpThreads,
            $"0 (by the idle CPUs) to {MaxIntraOpThreads} (this machine's logical CPUs)");
        if (!Enum.IsDefined(Device))
            throw new UserInputException($"device {(int)Device} is not known; expected cpu or cuda.");
    }
}
