using Kaleido.Runtime.Native;
using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Runtime.Sessions;

/// <summary>
/// Creates ONNX Runtime sessions with one run's load-time settings: the device's provider (checked, never
/// silently replaced by the CPU), intra-op threads (<see cref="IntraOpThreading"/>) and full graph optimisation.
/// </summary>
public sealed class OrtSessionFactory
{
    /// <summary>
    /// The idle CPUs, read once per process (50 ms) when a factory first needs them: every model a process opens
    /// (bench's reopens, serve's workers, a test's fixtures) then shares one choice and pays the reading once.
    /// </summary>
    static readonly Lazy<int?> IdleAtFirstUse = new(IdleCores.Measure);

    /// <summary>The name ONNX Runtime lists for its CUDA provider.</summary>
    public const string CudaProviderName = "CUDAExecutionProvider";

    /// <exception cref="DeviceUnavailableException">CUDA was asked for and this build has no CUDA provider.</exception>
    public OrtSessionFactory(SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        NativeEnvironment.DisableTelemetry(); // before the first native call
        Settings = settings;
        Threading = IntraOpThreading.For(settings.IntraOpThreads, () => IdleAtFirstUse.Value);
        if (settings.Device == ExecutionDevice.Cuda && !OrtEnv.Instance().GetAvailableProviders().Contains(CudaProviderName))
            throw new DeviceUnavailableException(
                "Device 'cuda' was asked for, but this build of kaleido has no CUDA provider " +
                $"(ONNX Runtime lists: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}); " +
                "build the CUDA flavour, or use --device cpu.");
    }

    public SessionSettings Settings { get; }

    /// <summary>The threads every session of this factory gets, chosen once when the factory is made.</summary>
    public IntraOpThreading Threading { get; }

    /// <summary>Opens <paramref name="path"/>; <paramref name="label"/> names the file in errors.</summary>
    /// <exception cref="DeviceUnavailableException">The CUDA provider could not be appended (libraries missing).</exception>
    public InferenceSession Create(string path, string label)
    {
        using var options = CreateOptions();
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new Package.PackageException($"ONNX Runtime could not load {label} ('{path}'): {e.Message}");
        }
    }

    SessionOptions CreateOptions()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Threading.Threads,
            InterOpNumThreads = 1,
            // Errors only: with CUDA, every session otherwise warns that shape nodes were put on the CPU
            // (ONNX Runtime does that on purpose), which users can do nothing about.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", Threading.Spinning ? "1" : "0");
        if (Settings.Device == ExecutionDevice.Cuda)
        {
            try
            {
                // Same seed, same bytes on the GPU too: cuDNN's exhaustive search times candidate convolution
                // algorithms and may pick another one in the next process; its heuristic always picks the same.
                using var cuda = new OrtCUDAProviderOptions();
                cuda.UpdateOptions(new Dictionary<string, string> { ["device_id"] = "0", ["cudnn_conv_algo_search"] = "HEURISTIC" });
                options.AppendExecutionProvider_CUDA(cuda);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                options.Dispose();
                throw new DeviceUnavailableException(
                    $"Device 'cuda' was asked for, but the CUDA provider could not start; CUDA 13 / cuDNN 9 libraries not found or no GPU: {e.Message}", e);
            }
        }
        return options;
    }
}
