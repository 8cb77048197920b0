using Xunit.Abstractions;
using Kaleido.ServeLoad;

namespace Kaleido.Cli.Tests.Serve;

/// <summary>
/// About 30 s of real load on loopback past the queue's capacity (the soak and the figures are a measurement, in
/// docs/serve.md): every request is answered, 200 or 429, never a 5xx or a dropped connection. No durations asserted.
/// </summary>
public sealed class ServeLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sixteen_clients_past_capacity_get_only_200_and_429()
    {
        using var server = ServerProcess.Start(["--quiet", "--queue", "4"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        LoadResult result = await LoadClient.RunAsync(http, new Uri(server.Address, "/v1/images/generations"),
            """{"prompt": "a red circle and a blue square", "steps": 4, "seed": 1}""", concurrency: 16, TimeSpan.FromSeconds(30));

        output.WriteLine($"{result.Requests} requests: {string.Join(", ", result.Statuses.Select(s => $"{s.Key}: {s.Value}"))}; " +
            $"{result.Throughput:0.00} images/s, p50 {result.Quantile(0.5):0} ms, p99 {result.Quantile(0.99):0} ms");
        Assert.Equal(0, result.TransportErrors);
        Assert.Equal(0, result.ServerErrors);
        Assert.All(result.Statuses.Keys, status => Assert.Contains(status, new[] { 200, 429 }));
        Assert.True(result.Ok > 0, "no request succeeded");
        Assert.True(result.TooMany > 0, "16 clients against 1 worker and a queue of 4 were never refused");
        Assert.False(server.HasExited);
    }
}
