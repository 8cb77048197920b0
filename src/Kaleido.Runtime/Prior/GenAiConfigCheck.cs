using System.Text.Json;
using Kaleido.Runtime.Package;

namespace Kaleido.Runtime.Prior;

/// <summary>
/// Checks a package's <c>genai_config.json</c> before GenAI reads it. GenAI reports a malformed file, or a model file
/// it cannot open, as an exception of its own; and it would open a <c>filename</c> that leads out of the package
/// (<c>../other.onnx</c>, an absolute path) without a word. Either is a bad package (exit 3), named here.
/// </summary>
public static class GenAiConfigCheck
{
    public const string FileName = "genai_config.json";

    /// <exception cref="PackageException">The file does not parse, or a <c>filename</c> is outside <paramref name="folder"/>.</exception>
    public static void Check(string folder)
    {
        string path = Path.Combine(folder, FileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new PackageException($"'{path}' is not valid JSON ({JsonErrorText.Reason(e)}); expected the GenAI configuration the exporter wrote.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException($"Cannot read '{path}': {e.Message}");
        }
        using (document)
            CheckFileNames(document.RootElement, folder, path, "");
    }

    static void CheckFileNames(JsonElement element, string folder, string path, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    string field = where.Length == 0 ? property.Name : where + "." + property.Name;
                    if (property.Name == "filename" && property.Value.ValueKind == JsonValueKind.String)
                        CheckInside(property.Value.GetString()!, folder, path, field);
                    else
                        CheckFileNames(property.Value, folder, path, field);
                }
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                    CheckFileNames(item, folder, path, $"{where}[{i++}]");
                break;
        }
    }

    static void CheckInside(string fileName, string folder, string path, string field)
    {
        string root = Path.GetFullPath(folder);
        string target = Path.GetFullPath(fileName, root);
        bool inside = !Path.IsPathRooted(fileName) && Path.GetRelativePath(root, target) is var relative
                      && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside)
            throw new PackageException(
                $"'{path}', field '{field}': \"{fileName}\" is outside the package folder '{root}'; expected a file name inside it.");
    }
}
