using System.Net;
using System.Text.Json;
using static Kaleido.Cli.Tests.Serve.ServeClient;

namespace Kaleido.Cli.Tests.Serve;

/// <summary>Auth, the bounded queue, the per-request timeout and SIGTERM, each on a server of its own settings.</summary>
public sealed class ServeLimitsTests
{
    const string Slow = """{"prompt": "a red circle", "steps": 1000}""";

    [Fact]
    public async Task With_a_token_every_endpoint_but_the_probes_and_the_page_needs_the_bearer_header()
    {
        const string token = "s3cret-token";
        using var server = ServerProcess.Start(["--quiet"], new Dictionary<string, string> { ["KALEIDO_TOKEN"] = token });
        HttpClient http = server.Http;

        HttpResponseMessage missing = await http.GetAsync("/v1/models");
        await Error(missing, 401);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "Authorization", "Bearer s3cret-tokeN" } } };
        await Error(await http.SendAsync(wrong), 401);
        await Error(await http.GetAsync("/metrics"), 401);

        var right = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "Authorization", "Bearer " + token } } };
        await Ok(await http.SendAsync(right));
        foreach (string open in new[] { "/healthz", "/readyz", "/" })
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(open)).StatusCode);
    }

    [Fact]
    public void The_token_comes_from_a_file_never_argv_and_a_public_host_needs_one()
    {
        using var folder = new TempFolder();
        var open = CliRunner.RunIn(folder.Path, "serve", "--host", "0.0.0.0", "--model", Fixtures.ShippedKaleido);
        Assert.Equal(ExitCodes.BadInput, open.ExitCode);
        Assert.Contains("KALEIDO_TOKEN", open.Error);
        Assert.Contains("--token-file", open.Error);

        var argv = CliRunner.RunIn(folder.Path, "serve", "--token", "abc");
        Assert.Equal(ExitCodes.BadInput, argv.ExitCode);
        Assert.Contains("'token' is unknown", argv.Error);

        var absent = CliRunner.RunIn(folder.Path, "serve", "--token-file", "nope.txt", "--model", Fixtures.ShippedKaleido);
        Assert.Equal(ExitCodes.BadInput, absent.ExitCode);
        Assert.Contains("nope.txt", absent.Error);

        File.WriteAllText(folder["token"], "has space\n");
        var bad = CliRunner.RunIn(folder.Path, "serve", "--token-file", "token", "--model", Fixtures.ShippedKaleido);
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
        Assert.Contains("visible ASCII", bad.Error);
        Assert.False(CliRunner.HasStackTrace(bad.Error));
    }

    [Theory]
    [InlineData("--workers", "0", "--workers is 0; expected an integer from 1 to 64")]
    [InlineData("--queue", "-1", "--queue is -1; expected an integer from 0 to 10000")]
    [InlineData("--port", "70000", "--port is 70000; expected an integer from 0 to 65535")]
    [InlineData("--max-n", "0", "--max-n is 0; expected an integer from 1 to 1000")]
    [InlineData("--host", "example.org", "--host is 'example.org'; expected an IP address")]
    public void A_bad_server_option_exits_2_naming_it_before_anything_listens(string option, string value, string message)
    {
        var result = CliRunner.Run("serve", option, value, "--model", Fixtures.ShippedKaleido);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Out); // never "listening"
    }

    [Fact]
    public async Task A_token_file_s_first_line_is_the_token()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["token"], "from-a-file\n");
        using var server = ServerProcess.Start(["--quiet", "--token-file", folder["token"]]);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "Authorization", "Bearer from-a-file" } } };
        await Ok(await server.Http.SendAsync(request));
        await Error(await server.Http.GetAsync("/v1/models"), 401);
    }

    [Fact]
    public async Task Past_the_queue_s_capacity_a_request_gets_429_with_retry_after_never_a_hang()
    {
        using var server = ServerProcess.Start(["--quiet", "--queue", "1", "--workers", "1"]);
        HttpClient http = server.Http;
        using var abort = new CancellationTokenSource();
        // One running, one waiting: the queue is full.
        Task<HttpResponseMessage> running = PostJson(http, "/v1/images/generations", Slow, abort.Token);
        await WaitFor(() => Metric(http, "kaleido_running"), 1);
        Task<HttpResponseMessage> waiting = PostJson(http, "/v1/images/generations", Slow, abort.Token);
        await WaitFor(() => Metric(http, "kaleido_queue_depth"), 1);

        HttpResponseMessage refused = await PostJson(http, "/v1/images/generations", """{"prompt": "a red circle", "steps": 2}""");
        JsonElement error = await Error(refused, 429);
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(1, await Metric(http, "kaleido_rejected_total"));

        abort.Cancel(); // both leave: the running one between steps, the waiting one from the queue
        await WaitFor(() => Metric(http, "kaleido_cancelled_total"), 2);
        await Ok(await PostJson(http, "/v1/images/generations", """{"prompt": "a red circle", "steps": 2}"""));
    }

    [Fact]
    public async Task A_request_past_the_timeout_is_cancelled_with_503()
    {
        using var server = ServerProcess.Start(["--quiet", "--timeout", "2"]);
        JsonElement error = await Error(await PostJson(server.Http, "/v1/images/generations", Slow), 503);
        Assert.Contains("--timeout of 2 s", error.GetProperty("message").GetString());
        Assert.Equal(1, await Metric(server.Http, "kaleido_cancelled_total"));
    }

    [Fact]
    public async Task Sigterm_lets_running_work_finish_within_the_grace_period_and_exits_0()
    {
        using var server = ServerProcess.Start(["--grace", "60"]);
        Task<HttpResponseMessage> running = PostJson(server.Http, "/v1/images/generations", """{"prompt": "a red circle", "steps": 60}""");
        await WaitFor(() => Metric(server.Http, "kaleido_running"), 1);

        server.Terminate();
        await Ok(await running); // finished, not cut off
        Assert.Equal(0, server.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Contains("kaleido serve: stopped", server.Log);
    }

    [Fact]
    public async Task Sigterm_cancels_work_still_running_after_the_grace_period_and_exits_0()
    {
        using var server = ServerProcess.Start(["--grace", "1"]);
        Task<HttpResponseMessage> running = PostJson(server.Http, "/v1/images/generations", Slow);
        await WaitFor(() => Metric(server.Http, "kaleido_running"), 1);

        server.Terminate();
        JsonElement error = await Error(await running, 503);
        Assert.Contains("shutting down", error.GetProperty("message").GetString());
        Assert.Equal(0, server.WaitForExit(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Polls <paramref name="value"/> until it reaches <paramref name="target"/> (fails after 60 s).</summary>
    static async Task WaitFor(Func<Task<double>> value, double target)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await value() < target)
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 60 s for a metric to reach {target}");
            await Task.Delay(25);
        }
    }
}
