using System.Diagnostics;
using System.Globalization;
using Kaleido.Runtime;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Text;
using Microsoft.AspNetCore.Http;

namespace Kaleido.Cli.Serve;

/// <summary>
/// What wraps every request: the bearer token check, the one place a fault becomes an HTTP answer (a user's mistake
/// 4xx with a message naming the field, never a stack trace; a bug 500, logged), and the request's line in the log and
/// the metrics.
/// </summary>
sealed class ServerPipeline(ServerState state, TextWriter log)
{
    /// <summary>Open without a token: probes, and the static page (it holds no data; it asks for the token itself).</summary>
    static readonly string[] Open = ["/", "/healthz", "/readyz"];

    public async Task Handle(HttpContext context, RequestDelegate next)
    {
        var clock = Stopwatch.StartNew();
        string endpoint = EndpointLabel(context.Request.Path);
        try
        {
            if (state.Token is { } token && !Open.Contains(context.Request.Path.Value) && !token.Accepts(context.Request.Headers.Authorization))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                throw new ApiException(401, "Missing or wrong bearer token: send 'Authorization: Bearer TOKEN' (the server's $KALEIDO_TOKEN or --token-file).");
            }
            await next(context);
        }
        catch (ClientGoneException)
        {
            context.Response.StatusCode = 499; // nginx's "client closed request": only the log and metrics see it
        }
        catch (Exception e) when (AsApiError(e) is { } error)
        {
            await WriteError(context, error);
        }
        catch (Exception e)
        {
            log.WriteLine($"kaleido serve: internal error on {context.Request.Method} {context.Request.Path}: {e}");
            await WriteError(context, new ApiException(500, $"Internal error ({e.GetType().Name}); this is a bug in kaleido, the server log has the details."));
        }
        finally
        {
            state.Metrics.Request(endpoint, context.Response.StatusCode, clock.Elapsed);
            if (!state.Settings.Quiet)
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{DateTime.UtcNow:HH:mm:ss.fff} {context.Request.Method} {context.Request.Path} {context.Response.StatusCode} {clock.Elapsed.TotalMilliseconds:0} ms"));
        }
    }

    /// <summary>The answer to a fault that is not a bug of ours, or null.</summary>
    static ApiException? AsApiError(Exception e) => e switch
    {
        ApiException api => api,
        // The body limit (413) and other malformed HTTP, as Kestrel reports them.
        BadHttpRequestException bad => new ApiException(bad.StatusCode, bad.StatusCode == 413
            ? $"The request body is larger than the server's limit of {ServeSettings.MaxBodyBytes} bytes."
            : $"Bad request: {bad.Message}"),
        CaptionTooLongException tooLong => ApiException.BadField("prompt", tooLong.Message + " Send \"truncate\": true to cut it to the limit."),
        // The prior's latents stayed invalid after every attempt: the request could not be served as asked, not our fault.
        LatentSamplingException sampling => new ApiException(422, sampling.Message, "prompt"),
        UserInputException user => new ApiException(400, user.Describe(key => $"\"{key}\""), user.SettingKeys.FirstOrDefault()),
        _ => null,
    };

    static async Task WriteError(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        string type = error.Status switch
        {
            401 => "authentication_error",
            404 => "not_found_error",
            429 => "rate_limit_error",
            >= 500 => "server_error",
            _ => "invalid_request_error",
        };
        var body = new ErrorBody(new ErrorDetail(error.Message, type, error.Param, null) { Position = error.Position });
        await context.Response.WriteAsJsonAsync(body, ApiJson.Readable.ErrorBody);
    }

    /// <summary>The metrics label of a path: the route, never the raw path (file names would make labels unbounded).</summary>
    static string EndpointLabel(PathString path) => path.Value switch
    {
        "/" or "/healthz" or "/readyz" or "/metrics" or "/v1/models" or "/v1/images/generations" or "/v1/latents" or "/v1/render" => path.Value,
        _ when path.StartsWithSegments("/files") => "/files",
        _ => "other",
    };
}
