using Kaleido.Runtime.Native;
using Kaleido.Runtime.Sessions;
using Microsoft.ML.OnnxRuntime;

// Reports what the ONNX Runtime of this build can do, one "key: value" line each, for Kaleido.Build.Tests:
//   providers: what GetAvailableProviders() lists, comma-separated
//   library:   the libonnxruntime.so this process mapped (from /proc/self/maps)
//   cuda:      "opened", or the type and message of the error from opening args[0] with device cuda
// Usage: ProviderProbe <model.onnx>

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ProviderProbe <model.onnx>");
    return 2;
}

NativeEnvironment.DisableTelemetry(); // before the first native call
Console.WriteLine($"providers: {string.Join(",", OrtEnv.Instance().GetAvailableProviders())}");
Console.WriteLine($"library: {MappedOnnxRuntime()}");

try
{
    var factory = new OrtSessionFactory(new SessionSettings { Device = ExecutionDevice.Cuda });
    using var session = factory.Create(args[0], "probe model");
    Console.WriteLine("cuda: opened");
}
catch (Exception e)
{
    // One line, whatever the message holds, so the test can read it back.
    Console.WriteLine($"cuda: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
}
return 0;

static string MappedOnnxRuntime()
{
    // Each line ends with the mapped file's path; the library is mapped several times (text, data, ...).
    var paths = File.ReadLines("/proc/self/maps")
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]) == "libonnxruntime.so")
        .Select(fields => fields[5])
        .Distinct()
        .ToList();
    return paths.Count == 1 ? paths[0] : $"(mapped {paths.Count} times: {string.Join(", ", paths)})";
}
