// In ONNX Runtime's namespace on purpose: TransientFaults recognises the native libraries' exceptions by namespace,
// and OnnxRuntimeException has no public constructor to make one here.
namespace Microsoft.ML.OnnxRuntime.TestDoubles;

sealed class FakeOrtException(string message) : Exception(message);
