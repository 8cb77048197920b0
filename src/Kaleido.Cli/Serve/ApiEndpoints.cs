using System.Text;
using System.Text.Json;
using Kaleido.Cli.Output;
using Kaleido.Cli.Requests;
using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Kaleido.Cli.Serve;

/// <summary>
/// The model endpoints: <c>POST /v1/images/generations</c> (OpenAI's request and response, plus our extensions),
/// <c>POST /v1/latents</c>, <c>POST /v1/render</c> and <c>GET /v1/models</c>. Each reads its body strictly, checks
/// it before queueing, and runs on the <see cref="PipelinePool"/>; faults become 4xx/503 in
/// <see cref="ServerPipeline"/>. Plain <see cref="RequestDelegate"/>s: no parameter binding by reflection.
/// </summary>
static class ApiEndpoints
{
    public const string ResponseFormatField = "response_format";
    public const string B64Json = "b64_json";
    public const string Url = "url";

    /// <summary>What OpenAI's SDKs send: accepted; size and model are checked, user, quality and style are ignored.</summary>
    static readonly string[] OpenAiFields = ["prompt", "n", ResponseFormatField, "model", "size", "user", "quality", "style"];

    static readonly string[] ImageFields = [.. OpenAiFields, .. GenerationJob.SettingFields];
    static readonly string[] LatentsFields = ["prompt", "n", "model", "user", .. GenerationJob.SettingFields];

    public static async Task Generations(HttpContext context, ServerState state)
    {
        ServedModel model = RequireModel(state);
        using JsonDocument body = await ReadJson(context);
        var fields = RequestFields.Read(body.RootElement, ImageFields);
        string format = fields.String(ResponseFormatField) ?? B64Json;
        if (format is not (B64Json or Url))
            throw ApiException.BadField(ResponseFormatField, $"\"response_format\" is '{format}'; expected '{B64Json}' or '{Url}'.");
        CheckModel(fields, model);
        if (fields.String("size") is { } size && size != model.Size)
            throw ApiException.BadField("size", $"\"size\" is '{size}'; model '{model.ModelId}' makes {model.Size} images only.");
        foreach (string ignored in new[] { "user", "quality", "style" })
            _ = fields.String(ignored); // type-checked, then ignored: one model, one quality
        GenerationJob job = GenerationJob.Read(fields, model, state.Settings);

        var images = await RunAsync(context, state, (pipeline, cancel) =>
        {
            var made = new List<(RenderedImage Image, byte[] Png)>(job.Count);
            foreach (int index in job.Indices)
            {
                var request = new GenerationRequest(job.Prompt, job.Seed, [index]) { Render = job.Render, Prior = job.Prior };
                // The request's seed is the image's own (none derived), so no base seed is recorded.
                RenderedImage image = ImageRecord.Complete(pipeline.Generate(request, Progress(state), cancel)[0], null, model.Identity);
                state.Metrics.Image();
                made.Add((image, ImageFiles.EncodePng(image)));
            }
            return made;
        });

        string baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var data = images.Select(m => new ImageData
        {
            B64Json = format == B64Json ? Convert.ToBase64String(m.Png) : null,
            Url = format == Url ? $"{baseUrl}/files/{state.Files.Add(m.Png)}" : null,
            RevisedPrompt = m.Image.Metadata.Prompt,
            Seed = m.Image.Metadata.Seed,
            Index = m.Image.Index,
            Latents = m.Image.Latents is { } latents ? AsJson(latents) : null,
        }).ToList();
        await context.Response.WriteAsJsonAsync(new ImagesResponse(Now(), data), ApiJson.Readable.ImagesResponse, cancellationToken: context.RequestAborted);
    }

    public static async Task Latents(HttpContext context, ServerState state)
    {
        ServedModel model = RequireModel(state);
        using JsonDocument body = await ReadJson(context);
        var fields = RequestFields.Read(body.RootElement, LatentsFields);
        CheckModel(fields, model);
        _ = fields.String("user");
        if (!model.HasPrior)
            throw new ApiException(400, $"Model '{model.ModelId}' is a baseline model: it has no latent prior to sample.");
        GenerationJob job = GenerationJob.Read(fields, model, state.Settings);

        var documents = await RunAsync(context, state, (pipeline, cancel) => job.Indices.Select(index =>
        {
            LatentsDocument document = pipeline.SampleLatents(job.Prompt, job.Seed, index, job.Prior, job.Render, cancel);
            state.Metrics.Latents();
            return AsJson(document);
        }).ToList());
        await context.Response.WriteAsJsonAsync(new LatentsResponse(Now(), documents), ApiJson.Readable.LatentsResponse, cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// A latents document (the body, exactly a <c>.latents.json</c>) → the PNG, planned by <see cref="RenderPlan"/> and
    /// encoded by <see cref="ImageFiles.EncodePng"/> as <c>kaleido render</c> does: the same bytes.
    /// </summary>
    public static async Task Render(HttpContext context, ServerState state)
    {
        ServedModel model = RequireModel(state);
        string json = await ReadText(context);
        LatentsDocument document;
        try
        {
            document = LatentsDocumentReader.Read(json);
        }
        catch (LatentsFormatException e)
        {
            throw new ApiException(400, e.Message, e.Field) { Position = e.Position };
        }
        RenderPlan plan;
        try
        {
            plan = RenderPlan.Of(document, RenderPlan.Overrides.None,
                () => ApiException.BadField("seed", "The latents document has no \"seed\"; add the seed to render with."), "\"index\"");
        }
        catch (UserInputException e) when (e.SettingKeys.Count > 0)
        {
            throw ApiException.BadField("sampling." + e.SettingKeys[0], e.Describe(key => $"\"sampling.{key}\""));
        }
        try
        {
            model.Validate(plan.Settings, prior: null);
        }
        catch (ApiException e) when (e.Param is not null)
        {
            throw ApiException.BadField("sampling." + e.Param, e.Message.Replace($"\"{e.Param}\"", $"\"sampling.{e.Param}\""));
        }

        byte[] png = await RunAsync(context, state, (pipeline, cancel) =>
        {
            RenderedImage image = ImageRecord.Complete(pipeline.Render(plan.Document, plan.Seed, plan.Index, plan.Settings, Progress(state), cancel),
                plan.Document.BaseSeed, model.Identity);
            state.Metrics.Image();
            return ImageFiles.EncodePng(image);
        });
        context.Response.ContentType = "image/png";
        context.Response.Headers["X-Kaleido-Seed"] = plan.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Kaleido-Index"] = plan.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.Body.WriteAsync(png, context.RequestAborted);
    }

    public static Task Models(HttpContext context, ServerState state)
    {
        ServedModel model = RequireModel(state);
        return context.Response.WriteAsJsonAsync(new ModelList([Summary(model, state)]), ApiJson.Readable.ModelList, cancellationToken: context.RequestAborted);
    }

    /// <summary>The package's manifest summary, as OpenAI's model object with our fields.</summary>
    static ModelEntry Summary(ServedModel model, ServerState state) => new()
    {
        Id = model.ModelId,
        Kind = model.Manifest.Kind.ToString(),
        LatentKind = model.Manifest.LatentKind,
        Resolutions = [.. model.Manifest.Resolutions],
        Size = model.Size,
        MaxCaptionTokens = model.MaxCaptionTokens,
        MaxLatentTokens = model.MaxLatentTokens,
        TrainingSteps = model.TrainingSteps,
        Samplers = GenerationSettings.SamplerNames,
        MaxN = state.Settings.MaxImages,
    };

    public static async Task File(HttpContext context, ServerState state)
    {
        string name = context.Request.RouteValues["name"] as string ?? "";
        byte[] png = state.Files.Get(name)
            ?? throw new ApiException(404, $"No file '/files/{name}': it never existed or was dropped (the server keeps the last {state.Settings.Files}).");
        context.Response.ContentType = "image/png";
        await context.Response.Body.WriteAsync(png, context.RequestAborted);
    }

    static void CheckModel(RequestFields fields, ServedModel model)
    {
        if (fields.String("model") is { } name && name != model.ModelId)
            throw ApiException.BadField("model", $"\"model\" is '{name}'; this server runs '{model.ModelId}' only.");
    }

    static ServedModel RequireModel(ServerState state) => state.Model
        ?? throw new ApiException(503, "The model is still loading; retry shortly (GET /readyz says when it is ready).") { RetryAfterSeconds = 1 };

    /// <summary>
    /// Runs <paramref name="work"/> on the pool with this request's cancellation: the client going away, the
    /// per-request timeout, or the end of the shutdown grace period.
    /// </summary>
    static async Task<T> RunAsync<T>(HttpContext context, ServerState state, Func<KaleidoPipeline, CancellationToken, T> work)
    {
        using var timeout = new CancellationTokenSource(state.Settings.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token, state.WorkStop);
        try
        {
            return await state.Model!.Pool.RunAsync(work, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            state.Metrics.Cancelled();
            if (context.RequestAborted.IsCancellationRequested)
                throw new ClientGoneException();
            if (timeout.IsCancellationRequested)
                throw new ApiException(503, $"The request took longer than the server's --timeout of {state.Settings.Timeout.TotalSeconds:0} s and was cancelled.")
                { RetryAfterSeconds = 1 };
            throw new ApiException(503, "The server is shutting down; the request was cancelled. Retry on another instance or later.");
        }
    }

    static Action<PipelineProgress> Progress(ServerState state) => p =>
    {
        if (p.Stage == PipelineStage.Denoise)
            state.Metrics.DenoiserStep();
    };

    static async Task<JsonDocument> ReadJson(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new ApiException(400, $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }

    static async Task<string> ReadText(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            throw new ApiException(400, "The request body is not valid UTF-8; expected a latents document (JSON).");
        }
    }

    /// <summary>The document as <c>kaleido generate</c> writes it, as a JSON value of the response.</summary>
    static JsonElement AsJson(LatentsDocument document)
    {
        using JsonDocument parsed = JsonDocument.Parse(LatentsDocumentWriter.Write(document, indented: false));
        return parsed.RootElement.Clone();
    }

    static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}

/// <summary>The client closed the connection: its work was cancelled and there is no one to answer.</summary>
sealed class ClientGoneException : Exception;
