using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kaleido.Cli.Serve;

/// <summary>
/// The HTTP host of <c>kaleido serve</c>: Kestrel from <see cref="WebApplication.CreateSlimBuilder()"/> (no reflection-heavy
/// features, so it publishes trimmed and with Native AOT), bound to one address, with the body limit, the endpoints
/// (docs/serve.md) and a shutdown timeout of the grace period plus a margin, so Kestrel waits for cancelled work to
/// answer before the process exits.
/// </summary>
static class KaleidoServer
{
    /// <summary>Time after the grace period for cancelled requests to finish their step and answer.</summary>
    static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);

    public static WebApplication Build(ServerState state, TextWriter log)
    {
        ServeSettings settings = state.Settings;
        // No args, no content root probing: every setting comes from the command line, checked by ServeSettings.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders(); // our own one line per request (ServerPipeline); no framework chatter
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Grace + ShutdownMargin);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ServeSettings.MaxBodyBytes;
            kestrel.Listen(new IPEndPoint(settings.Host, settings.Port));
        });

        WebApplication app = builder.Build();
        var pipeline = new ServerPipeline(state, log);
        app.Use(pipeline.Handle);
        app.Lifetime.ApplicationStopping.Register(() => state.BeginStopping(settings.Grace));

        app.MapGet("/", context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.Body.WriteAsync(ServerPage.Html).AsTask();
        });
        app.MapGet("/healthz", context => context.Response.WriteAsJsonAsync(new HealthBody("ok"), ApiJson.Readable.HealthBody));
        app.MapGet("/readyz", context =>
        {
            bool ready = state.Model is not null && !state.IsStopping;
            context.Response.StatusCode = ready ? 200 : 503;
            string status = ready ? "ready" : state.IsStopping ? "stopping" : "loading";
            return context.Response.WriteAsJsonAsync(new HealthBody(status), ApiJson.Readable.HealthBody);
        });
        app.MapGet("/metrics", context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return context.Response.WriteAsync(state.Metrics.Render(), Encoding.UTF8);
        });
        app.MapGet("/v1/models", context => ApiEndpoints.Models(context, state));
        app.MapPost("/v1/images/generations", context => ApiEndpoints.Generations(context, state));
        app.MapPost("/v1/latents", context => ApiEndpoints.Latents(context, state));
        app.MapPost("/v1/render", context => ApiEndpoints.Render(context, state));
        app.MapGet("/files/{name}", context => ApiEndpoints.File(context, state));
        app.MapFallback(context => throw new ApiException(404,
            $"No endpoint {context.Request.Method} {context.Request.Path}; see GET /v1/models, POST /v1/images/generations, /v1/latents, /v1/render (docs/serve.md)."));
        return app;
    }
}
