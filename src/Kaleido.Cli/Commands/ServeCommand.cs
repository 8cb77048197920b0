using System.Diagnostics;
using Kaleido.Cli.Serve;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido serve</c>: checks its options and the package (exit 2 or 3 before anything listens), starts listening
/// (so <c>/healthz</c> answers while the sessions open), opens the model once, then reports ready. SIGTERM (or
/// Ctrl+C) stops accepting, lets running work finish within the grace period, cancels what is left, and exits 0.
/// </summary>
sealed class ServeCommand(CommandContext context)
{
    public int Run(ServeOptions options)
    {
        // 1. Everything that needs no sessions: settings, token, package files.
        ServeSettings settings = ServeSettings.From(options, Environment.GetEnvironmentVariable(ServeSettings.TokenVariable), context.WorkingDirectory);
        SessionSettings sessionSettings = ModelRun.SessionSettingsOf(options.Device, options.Threads);
        ModelPackage package = PackageFolder.Load(context, options.Model);

        // 2. Listen, then load: liveness answers at once, readiness once the sessions are up.
        TextWriter log = TextWriter.Synchronized(context.Error);
        var state = new ServerState(settings);
        WebApplication app = KaleidoServer.Build(state, log);
        using var stop = context.StopRequested.Register(() => app.Lifetime.StopApplication());
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new Runtime.UserInputException($"Cannot listen on {settings.Host}:{settings.Port}: {e.Message}", e);
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        context.Out.WriteLine($"kaleido serve: listening on {address}");
        context.Out.Flush();

        ServedModel? model = null;
        try
        {
            var clock = Stopwatch.StartNew();
            var pipelines = new List<KaleidoPipeline>();
            try
            {
                for (int i = 0; i < settings.Workers; i++)
                    pipelines.Add(KaleidoPipeline.Open(package, sessionSettings));
            }
            catch
            {
                pipelines.ForEach(p => p.Dispose());
                throw;
            }
            model = new ServedModel(pipelines, settings.Queue, state.Metrics, Output.ModelIdentity.Of(package, sessionSettings));
            state.Loaded(model);
            context.Out.WriteLine($"kaleido serve: model '{package.Manifest.ModelId}' ready ({settings.Workers} pipeline(s), queue {settings.Queue}, " +
                $"{(settings.Token is null ? "no token" : "bearer token required")}) in {clock.Elapsed.TotalSeconds:0.0} s");
            context.Out.Flush();

            // 3. Serve until SIGTERM / Ctrl+C; Kestrel drains in-flight requests (ServerState.BeginStopping cancels late ones).
            app.WaitForShutdownAsync().GetAwaiter().GetResult();
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IAsyncDisposable)app).DisposeAsync().AsTask().GetAwaiter().GetResult();
            model?.Dispose();
        }
        context.Out.WriteLine("kaleido serve: stopped");
        context.Out.Flush();
        return ExitCodes.Ok;
    }
}
