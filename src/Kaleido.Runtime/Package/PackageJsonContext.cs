using System.Text.Json.Serialization;

namespace Kaleido.Runtime.Package;

/// <summary>Source-generated JSON for the manifest (no reflection, so it survives trimming and AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PackageManifest))]
internal sealed partial class PackageJsonContext : JsonSerializerContext;
