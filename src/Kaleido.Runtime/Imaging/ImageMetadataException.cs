namespace Kaleido.Runtime.Imaging;

/// <summary>
/// A file given to read metadata from is missing, not a PNG, or lacks Kaleido's text entries: a user
/// mistake, so the message is written for the user and names the file.
/// </summary>
public sealed class ImageMetadataException(string message, Exception? inner = null) : UserInputException(message, inner);
