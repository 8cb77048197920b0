namespace Kaleido.Runtime.Sessions;

/// <summary>
/// The device asked for cannot be used: this build has no provider for it, or its native libraries
/// are missing. Never answered by silently falling back to another device.
/// </summary>
public sealed class DeviceUnavailableException(string message, Exception? inner = null)
    : UserInputException(message, inner);
