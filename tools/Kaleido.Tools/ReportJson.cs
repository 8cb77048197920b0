using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kaleido.Tools;

/// <summary>The --json reports of the tools: one indented object, text kept as typed (captions, latents), a line end.</summary>
static class ReportJson
{
    static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The object whose fields <paramref name="body"/> writes.</summary>
    public static string Object(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
