using System.Text;
using System.Text.Json;
using Kaleido.Runtime;

namespace Kaleido.Cli.Output;

/// <summary>
/// One line of <see cref="OutputManifest"/>: a file kaleido wrote in the folder, the SHA-256 of its bytes, and the
/// settings that made it (<see cref="UnitSettings"/>), e.g.
/// <c>{"file":"cat-0000.png","kind":"image","sha256":"…","settingsSha256":"…","settings":{…}}</c>.
/// </summary>
/// <param name="File">The file's name inside the folder (no folder part).</param>
/// <param name="Kind"><see cref="ImageKind"/> or <see cref="LatentsKind"/>.</param>
/// <param name="Position">
/// The file's unit in its run's plan (<c>"unit"</c>, <c>"units"</c>), for <c>merge</c>; null for <c>render</c>, which
/// has no plan, and for lines written before it was recorded.
/// </param>
public sealed record ManifestEntry(string File, string Kind, string Sha256, string SettingsSha256, string SettingsJson,
    PlanPosition? Position = null)
{
    public const string ImageKind = "image";
    public const string LatentsKind = "latents";

    /// <summary>The entry as one line of UTF-8 JSON, line end included; <c>settings</c> holds the hashed bytes verbatim.</summary>
    public byte[] ToLine() =>
    [
        .. JsonLine.ObjectBytes(json =>
        {
            json.WriteString("file", File);
            json.WriteString("kind", Kind);
            if (Position is { } position)
            {
                json.WriteNumber("unit", position.Unit);
                json.WriteNumber("units", position.Units);
            }
            json.WriteString("sha256", Sha256);
            json.WriteString("settingsSha256", SettingsSha256);
            json.WritePropertyName("settings");
            json.WriteRawValue(SettingsJson);
        }, escapeNonAscii: false),
        (byte)'\n',
    ];

    /// <summary>The entry in <paramref name="line"/>, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static ManifestEntry? TryParse(ReadOnlySpan<byte> line, out string problem)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line.ToArray());
            JsonElement o = document.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
                return Fail(out problem, "not a JSON object");
            string? file = Text(o, "file"), kind = Text(o, "kind"), sha = Text(o, "sha256"), settingsSha = Text(o, "settingsSha256");
            if (file is null || kind is null || sha is null || settingsSha is null)
                return Fail(out problem, "\"file\", \"kind\", \"sha256\" and \"settingsSha256\" must all be strings");
            if (file.Length == 0 || file != Path.GetFileName(file))
                return Fail(out problem, $"\"file\" is '{file}'; expected a file name without a folder");
            if (!o.TryGetProperty("settings", out JsonElement settings) || settings.ValueKind != JsonValueKind.Object)
                return Fail(out problem, "\"settings\" must be an object");
            int? unit = Whole(o, "unit"), units = Whole(o, "units");
            if ((unit is null) != (units is null) || unit < 0 || unit >= units)
                return Fail(out problem, "\"unit\" and \"units\" must both be left out or be whole numbers with 0 <= unit < units");
            problem = "";
            return new ManifestEntry(file, kind, sha, settingsSha, settings.GetRawText(),
                unit is null ? null : new PlanPosition(unit.Value, units!.Value));
        }
        catch (JsonException e)
        {
            return Fail(out problem, "not valid JSON: " + JsonErrorText.Reason(e));
        }
        catch (ArgumentException e) // invalid UTF-8
        {
            return Fail(out problem, e.Message);
        }
    }

    static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static int? Whole(JsonElement o, string name) =>
        o.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;

    static ManifestEntry? Fail(out string problem, string what)
    {
        problem = what;
        return null;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToLine()).TrimEnd('\n');
}
