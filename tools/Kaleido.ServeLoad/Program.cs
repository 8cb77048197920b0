using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Kaleido.ServeLoad;

// kaleido-serve-load: the load figures of docs/serve.md against a running `kaleido serve`. For each concurrency a run
// of --seconds, then a soak at the last concurrency for --soak-seconds, sampling the server's resident memory from
// its /metrics (kaleido_process_resident_bytes) every 10 s. Prints a Markdown table; exit 1 on any 5xx.
var url = new Option<string>("--url") { Description = "The server, e.g. http://127.0.0.1:8080.", Required = true };
var concurrencies = new Option<string>("--concurrency") { Description = "Comma-separated client counts.", DefaultValueFactory = _ => "1,4,16" };
var seconds = new Option<int>("--seconds") { Description = "Seconds per concurrency.", DefaultValueFactory = _ => 30 };
var soakSeconds = new Option<int>("--soak-seconds") { Description = "Seconds of the soak (0: none).", DefaultValueFactory = _ => 0 };
var steps = new Option<int>("--steps") { Description = "Denoising steps per image.", DefaultValueFactory = _ => 8 };
var root = new RootCommand("Load figures for kaleido serve.") { url, concurrencies, seconds, soakSeconds, steps };
ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine("kaleido-serve-load: error: " + error.Message);
    return 2;
}

var server = new Uri(parsed.GetValue(url)!);
var endpoint = new Uri(server, "/v1/images/generations");
string body = $$"""{"prompt": "a red circle and a blue square", "steps": {{parsed.GetValue(steps)}}, "seed": 1}""";
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
int serverErrors = 0;
Console.WriteLine("| clients | seconds | requests | 200 | 429 | 5xx | images/s | p50 ms | p99 ms | 429 share |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
void Report(LoadResult r)
{
    serverErrors += r.ServerErrors + r.TransportErrors;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Concurrency} | {r.Elapsed.TotalSeconds:0} | {r.Requests} | {r.Ok} | {r.TooMany} | {r.ServerErrors + r.TransportErrors} | {r.Throughput:0.00} | {r.Quantile(0.5):0} | {r.Quantile(0.99):0} | {r.Share429:P1} |"));
}

int[] levels = [.. parsed.GetValue(concurrencies)!.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
foreach (int c in levels)
    Report(await LoadClient.RunAsync(http, endpoint, body, c, TimeSpan.FromSeconds(parsed.GetValue(seconds))));

int soak = parsed.GetValue(soakSeconds);
if (soak > 0)
{
    var samples = new List<(double Minute, long Bytes)>();
    using var sampling = new CancellationTokenSource();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    Task sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            string metrics = await http.GetStringAsync(new Uri(server, "/metrics"));
            Match m = Regex.Match(metrics, @"(?m)^kaleido_process_resident_bytes (\d+)$");
            if (m.Success) lock (samples) samples.Add((clock.Elapsed.TotalMinutes, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
            try { await Task.Delay(TimeSpan.FromSeconds(10), sampling.Token); } catch (OperationCanceledException) { }
        }
    });
    LoadResult result = await LoadClient.RunAsync(http, endpoint, body, levels[^1], TimeSpan.FromSeconds(soak));
    sampling.Cancel();
    await sampler;
    Report(result);
    long At(double minute) => samples.Where(s => s.Minute <= minute).Select(s => s.Bytes).LastOrDefault();
    double MiB(long b) => b / 1048576.0;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RSS: minute 1 {MiB(At(1)):0.0} MiB, minute 5 {MiB(At(5)):0.0} MiB (bound {MiB(At(1)) * 1.1:0.0}), peak {MiB(samples.Max(s => s.Bytes)):0.0} MiB over {samples.Count} samples"));
}
return serverErrors == 0 ? 0 : 1;
