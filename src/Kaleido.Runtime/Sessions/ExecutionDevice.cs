namespace Kaleido.Runtime.Sessions;

/// <summary>Where ONNX Runtime runs the package's graphs.</summary>
public enum ExecutionDevice
{
    /// <summary>ONNX Runtime's CPU provider; always available.</summary>
    Cpu,

    /// <summary>ONNX Runtime's CUDA provider; needs the CUDA flavour of kaleido and CUDA 13 / cuDNN 9 at run time.</summary>
    Cuda,
}

/// <summary>Names of <see cref="ExecutionDevice"/> as the user writes them.</summary>
public static class ExecutionDeviceNames
{
    public static IReadOnlyList<string> All { get; } = ["cpu", "cuda"];

    public static string ToName(this ExecutionDevice device) => device switch
    {
        ExecutionDevice.Cpu => "cpu",
        ExecutionDevice.Cuda => "cuda",
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, null),
    };

    /// <exception cref="UserInputException">The name is not one of <see cref="All"/>.</exception>
    public static ExecutionDevice Parse(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => ExecutionDevice.Cpu,
        "cuda" => ExecutionDevice.Cuda,
        _ => throw new UserInputException($"Device '{name}' is not known; expected one of: {string.Join(", ", All)}."),
    };
}
