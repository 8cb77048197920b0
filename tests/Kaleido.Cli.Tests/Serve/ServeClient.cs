using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kaleido.Cli.Tests.Serve;

/// <summary>Requests and checks the API tests share.</summary>
static class ServeClient
{
    public static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static async Task<HttpResponseMessage> PostJson(HttpClient http, string path, string json, CancellationToken cancel = default) =>
        await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancel);

    /// <summary>The body of a successful answer as JSON (fails with the body otherwise).</summary>
    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>The error object of a refused request, checked to be OpenAI's shape with the expected status.</summary>
    public static async Task<JsonElement> Error(HttpResponseMessage response, int status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        JsonElement error = document.RootElement.GetProperty("error").Clone();
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.DoesNotContain("   at ", body); // never a stack trace
        return error;
    }

    /// <summary>The value of one sample line of the Prometheus text (0 when absent).</summary>
    public static async Task<double> Metric(HttpClient http, string sample)
    {
        string text = await http.GetStringAsync("/metrics");
        Match m = Regex.Match(text, $@"(?m)^{Regex.Escape(sample)} (\S+)$");
        return m.Success ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
