using System.Text;
using System.Text.Json;

namespace Kaleido.Tools.Dataset;

/// <summary>
/// The visual-token codebook: K centroids of 192-value patch vectors (<see cref="VokenPatches"/>),
/// fitted by <see cref="KMeans"/> on the training images. An image's voken latent is the index of
/// the nearest centroid of each of its 16 patches. Stored as JSON (docs/dataset.md) so any image
/// can be encoded later; float values are written in round-trip form, so a loaded codebook gives
/// the same codes as the one that was fitted.
/// </summary>
public sealed class VokenCodebook
{
    public const string FormatName = "kaleido-voken-codebook";
    public const int CurrentVersion = 1;
    public const string FileName = "codebook.json";

    readonly float[] _centroids;

    VokenCodebook(float[] centroids)
    {
        _centroids = centroids;
        Size = centroids.Length / VokenPatches.Dimension;
    }

    /// <summary>K, the number of codes.</summary>
    public int Size { get; }

    /// <summary>Centroids [K, 192].</summary>
    public ReadOnlySpan<float> Centroids => _centroids;

    /// <summary>Fits K centroids to patch vectors [n, 192].</summary>
    public static VokenCodebook Fit(ReadOnlySpan<float> patches, int size, int iterations, ulong seed) =>
        new(KMeans.Fit(patches, VokenPatches.Dimension, size, iterations, seed));

    /// <summary>The 16 codes of an RGB image [side, side, 3], side a multiple of 32.</summary>
    public int[] Encode(ReadOnlySpan<byte> rgb, int side)
    {
        byte[] reduced = VokenPatches.Downsample(rgb, side);
        var patches = new float[VokenPatches.PatchCount * VokenPatches.Dimension];
        VokenPatches.Extract(reduced, patches);
        var codes = new int[VokenPatches.PatchCount];
        for (int p = 0; p < codes.Length; p++)
            codes[p] = KMeans.Nearest(_centroids, Size, patches.AsSpan(p * VokenPatches.Dimension, VokenPatches.Dimension));
        return codes;
    }

    /// <summary>The codebook as JSON with '\n' line ends: one line per centroid.</summary>
    public string ToJson()
    {
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append($"  \"format\": \"{FormatName}\",\n");
        json.Append($"  \"version\": {CurrentVersion},\n");
        json.Append($"  \"tokenizerSide\": {VokenPatches.TokenizerSide},\n");
        json.Append($"  \"patchSide\": {VokenPatches.PatchSide},\n");
        json.Append($"  \"codebookSize\": {Size},\n");
        json.Append("  \"centroids\": [\n");
        for (int c = 0; c < Size; c++)
        {
            json.Append("    [");
            for (int d = 0; d < VokenPatches.Dimension; d++)
            {
                if (d > 0) json.Append(", ");
                // JsonSerializer writes the shortest text that reads back as the same float.
                json.Append(JsonSerializer.Serialize(_centroids[c * VokenPatches.Dimension + d]));
            }
            json.Append(c == Size - 1 ? "]\n" : "],\n");
        }
        json.Append("  ]\n}\n");
        return json.ToString();
    }

    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Reads a codebook file; a malformed one is a <see cref="ToolInputException"/> naming the file.</summary>
    public static VokenCodebook Load(string path)
    {
        string text = File.ReadAllText(path);
        try
        {
            return Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ToolInputException($"The codebook '{path}' is not a {FormatName} file: {e.Message}");
        }
    }

    static VokenCodebook Parse(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        JsonElement root = document.RootElement;
        if (root.GetProperty("format").GetString() != FormatName)
            throw new FormatException($"expected \"format\": \"{FormatName}\"");
        if (root.GetProperty("version").GetInt32() != CurrentVersion)
            throw new FormatException($"expected \"version\": {CurrentVersion}");
        if (root.GetProperty("tokenizerSide").GetInt32() != VokenPatches.TokenizerSide
            || root.GetProperty("patchSide").GetInt32() != VokenPatches.PatchSide)
            throw new FormatException($"expected tokenizerSide {VokenPatches.TokenizerSide} and patchSide {VokenPatches.PatchSide}");
        int size = root.GetProperty("codebookSize").GetInt32();
        JsonElement rows = root.GetProperty("centroids");
        if (size < 1 || rows.GetArrayLength() != size)
            throw new FormatException($"expected codebookSize >= 1 and that many centroids; found {size} and {rows.GetArrayLength()}");
        var centroids = new float[size * VokenPatches.Dimension];
        int at = 0;
        foreach (JsonElement row in rows.EnumerateArray())
        {
            if (row.GetArrayLength() != VokenPatches.Dimension)
                throw new FormatException($"expected centroids of {VokenPatches.Dimension} values; found {row.GetArrayLength()}");
            foreach (JsonElement value in row.EnumerateArray())
                centroids[at++] = value.GetSingle();
        }
        return new VokenCodebook(centroids);
    }
}
