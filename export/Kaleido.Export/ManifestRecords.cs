using Kaleido.Runtime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export;

/// <summary>
/// A JSON Lines dataset manifest, read whole by the commands that train or evaluate on it: one record per non-blank
/// line, each naming a PNG relative to the manifest's folder. A line whose reading fails on the user's input (the
/// document or its image) is reported as the command's own input error, "PATH, line N: why", so the user can find
/// it; so is a manifest with no records.
/// </summary>
/// <param name="inputError">Makes the command's input error from a message and the exception behind it, if any.</param>
internal sealed class ManifestRecords(string manifestPath, Func<string, Exception?, UserInputException> inputError)
{
    private readonly string _folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;

    public List<T> Read<T>(Func<string, T> readRecord)
    {
        var records = new List<T>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(manifestPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                records.Add(readRecord(line));
            }
            catch (Exception e) when (e is UserInputException or ImageFormatException)
            {
                throw inputError($"{manifestPath}, line {lineNumber}: {e.Message}", e);
            }
        }
        if (records.Count == 0)
            throw inputError($"The manifest '{manifestPath}' has no records.", null);
        return records;
    }

    /// <summary>
    /// A record's PNG as RGB bytes [H, W, 3]; it must already be <paramref name="side"/>×<paramref name="side"/>,
    /// which <paramref name="sizeRule"/> says to the user when it is not ("the classifier takes 32×32").
    /// </summary>
    public byte[] ReadImage(string relativePath, int side, string sizeRule)
    {
        string path = Path.GetFullPath(Path.Combine(_folder, relativePath));
        if (!File.Exists(path))
            throw inputError($"the image '{relativePath}' does not exist (looked for {path}).", null);
        using var image = Image.Load<Rgb24>(path);
        if (image.Width != side || image.Height != side)
            throw inputError($"the image '{relativePath}' is {image.Width}×{image.Height}; {sizeRule}.", null);
        var pixels = new byte[side * side * 3];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }
}
