namespace Kaleido.Runtime.Package;

/// <summary>A package that cannot be used: missing, malformed, damaged or tampered with.</summary>
public sealed class PackageException(string message) : UserInputException(message);
