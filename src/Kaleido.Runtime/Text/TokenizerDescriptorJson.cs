using System.Text.Json.Serialization;

namespace Kaleido.Runtime.Text;

/// <summary>The JSON contract of <see cref="TokenizerDescriptor"/>, generated at compile time (no reflection: trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(TokenizerDescriptor))]
internal sealed partial class TokenizerDescriptorJson : JsonSerializerContext;
