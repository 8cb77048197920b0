using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido serve</c>: the model loaded once behind an HTTP API (docs/serve.md). Load-time options are spelled as
/// on the other model verbs (<see cref="ModelOptions.ModelOption"/> and its siblings); the rest bound the server.
/// Values not given are left null: their defaults and ranges are owned by <see cref="Serve.ServeSettings"/>.
/// </summary>
public sealed class ServeOptions : VerbOptions
{
    public const string VerbName = "serve";

    public string? Model { get; init; }

    public string? Device { get; init; }

    public int? Threads { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary>A file holding the bearer token (never the token itself: argv is visible to every user in <c>ps</c>).</summary>
    public string? TokenFile { get; init; }

    public int? Queue { get; init; }

    public int? Workers { get; init; }

    public int? MaxN { get; init; }

    public int? Timeout { get; init; }

    public int? Grace { get; init; }

    public int? Files { get; init; }

    public bool Quiet { get; init; }

    /// <summary>The <c>serve</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<ServeOptions> CreateVerb()
    {
        var arguments = CliOption.Positional("ARGUMENTS", description: null);
        var model = ModelOptions.ModelOption();
        var device = ModelOptions.DeviceOption();
        var threads = ModelOptions.ThreadsOption();
        var host = CliOption.Text("--host", null, "ADDRESS",
            $"IP address to listen on. Default: {Serve.ServeSettings.DefaultHost} (this machine only); 0.0.0.0 for every interface (needs a token).");
        var port = CliOption.Int("--port", null, "N",
            $"TCP port. Default: {Serve.ServeSettings.DefaultPort}; 0 picks a free one (printed at start).");
        var tokenFile = CliOption.Text("--token-file", null, "FILE",
            $"Require 'Authorization: Bearer TOKEN' (TOKEN: the file's first line) on every endpoint but /, /healthz and /readyz. " +
            $"Default: ${Serve.ServeSettings.TokenVariable}, else none (then only a loopback --host is allowed).");
        var queue = CliOption.Int("--queue", null, "N",
            $"Requests that may wait for a pipeline; more are answered 429. Default: {Serve.ServeSettings.DefaultQueue}.");
        var workers = CliOption.Int("--workers", null, "N",
            $"Pipelines run at once, each with its own sessions. Default: {Serve.ServeSettings.DefaultWorkers}.");
        var maxN = CliOption.Int("--max-n", null, "N",
            $"Most images (or latents) one request may ask for. Default: {Serve.ServeSettings.DefaultMaxN}.");
        var timeout = CliOption.Int("--timeout", null, "SECONDS",
            $"Longest a request may wait and run; then it is cancelled (503). Default: {Serve.ServeSettings.DefaultTimeoutSeconds}.");
        var grace = CliOption.Int("--grace", null, "SECONDS",
            $"On SIGTERM, how long running work may finish before it is cancelled. Default: {Serve.ServeSettings.DefaultGraceSeconds}.");
        var files = CliOption.Int("--files", null, "N",
            $"Images kept in memory for response_format url (oldest dropped). Default: {Serve.ServeSettings.DefaultFiles}.");
        var quiet = CliOption.Flag("--quiet", 'q', "Log no requests on stderr (errors and the start-up lines still print).");

        var command = new System.CommandLine.Command(VerbName,
            "Serve the model over HTTP: OpenAI-style image generations, latents, render, models, health and metrics (docs/serve.md).")
        {
            arguments, model, device, threads, host, port, tokenFile, queue, workers, maxN, timeout, grace, files, quiet,
        };
        return new Verb<ServeOptions>(command, arguments, result => new ServeOptions
        {
            Model = result.GetValue(model),
            Device = result.GetValue(device),
            Threads = result.GetValue(threads),
            Host = result.GetValue(host),
            Port = result.GetValue(port),
            TokenFile = result.GetValue(tokenFile),
            Queue = result.GetValue(queue),
            Workers = result.GetValue(workers),
            MaxN = result.GetValue(maxN),
            Timeout = result.GetValue(timeout),
            Grace = result.GetValue(grace),
            Files = result.GetValue(files),
            Quiet = result.GetValue(quiet),
        });
    }
}
