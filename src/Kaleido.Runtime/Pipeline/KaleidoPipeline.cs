using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Diffusion.Noise;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// Prompt → image for one model package, in the data path's order: prompt → tokens → encoder states → latents →
/// decoder hidden states → guided denoising → image. The stages come from one <see cref="LoadedModel"/>, opened
/// once with the load-time settings (device, threads) and reused for every image. The denoiser takes B guided images
/// at a time (<see cref="DenoiseBatchSize"/>, 1 by default; [uncond × B; cond × B], the last batch padded to B). On
/// the CPU a guided row's bits do not depend on B, its position or its neighbours, so an image's bytes depend only on
/// (seed, index, settings), never on how many images a request makes or how they are batched (docs/runtime.md).
/// Unguided images (w = 1, one row each) run alone: a one-row run gets other bits than a row of a larger batch.
/// Baseline packages run the same stages without the prior (stages 3 and 4).
/// Not thread-safe: one batch at a time.
/// </summary>
public sealed class KaleidoPipeline : IDisposable
{
    readonly LoadedModel _model;
    readonly ConditioningRows _conditioning;
    readonly int[] _sides;
    (DenoiseLoopSettings Settings, int BatchSize, DenoiseLoop Loop)? _loop;

    KaleidoPipeline(LoadedModel model)
    {
        _model = model;
        _conditioning = new ConditioningRows(model);
        _sides = [.. model.Manifest.Resolutions];
    }

    /// <summary>Opens <paramref name="package"/> with the load-time <paramref name="settings"/>.</summary>
    /// <exception cref="PackageException">A graph or the tokenizer does not match the manifest.</exception>
    /// <exception cref="Sessions.DeviceUnavailableException">The device asked for cannot be used.</exception>
    public static KaleidoPipeline Open(ModelPackage package, SessionSettings? settings = null) =>
        new(LoadedModel.Open(package, settings));

    /// <summary>The loaded model whose stages this pipeline runs.</summary>
    public LoadedModel Model => _model;

    public PackageManifest Manifest => _model.Manifest;
    public KaleidoTokenizer Tokenizer => _model.Tokenizer;

    /// <summary>Whether this package samples latents (false for baselines).</summary>
    public bool HasPrior => _model.Prior is not null;

    /// <summary>Makes every image of <paramref name="request"/>, in index order: sample latents, then render them.</summary>
    /// <param name="cancellation">Checked between stages and denoising steps (never inside a model call or a prior attempt).</param>
    public IReadOnlyList<RenderedImage> Generate(GenerationRequest request, Action<PipelineProgress>? progress = null,
        CancellationToken cancellation = default) =>
        Generate([request], DenoiseBatchSize.Default, progress, cancellation);

    /// <summary>
    /// Makes every image of <paramref name="requests"/>, request by request in index order, denoising up to
    /// <paramref name="batchSize"/> images together: consecutive images whose loop settings (steps, sampler, guidance,
    /// thresholding) agree share a batch. Unguided images (w = 1) run one at a time whatever B, since ONNX Runtime computes
    /// a one-row batch otherwise than a row of a larger one. Each image's bytes are those it gets alone.
    /// </summary>
    /// <exception cref="UserInputException">A request's settings, or <paramref name="batchSize"/>, are out of range.</exception>
    public IReadOnlyList<RenderedImage> Generate(IReadOnlyList<GenerationRequest> requests, int batchSize,
        Action<PipelineProgress>? progress = null, CancellationToken cancellation = default)
    {
        DenoiseBatchSize.Validate(batchSize);
        foreach (GenerationRequest request in requests)
        {
            ValidateRequest(request.Render, request.Prior);
            foreach (int index in request.Indices)
                ArgumentOutOfRangeException.ThrowIfNegative(index);
        }
        var images = new List<RenderedImage>(requests.Sum(r => r.Indices.Count));
        var batch = new List<ConditionedImage>(batchSize);
        int BatchSizeOf(ConditionedImage image) => image.LoopSettings.IsGuided ? batchSize : 1;
        foreach (GenerationRequest request in requests)
            foreach (int index in request.Indices)
            {
                cancellation.ThrowIfCancellationRequested();
                // 1–2. Caption → ids at the fixed length → encoder states (shared by the prior and the conditioning).
                EncodedCaption caption = EncodeCaption(request.Prompt, request.Render.TruncateCaption, index, progress);

                // 3. z ~ p(z | c), this image's own GenAI generator (Kaleido only).
                LatentsDocument? latents = null;
                if (_model.Prior is not null)
                {
                    progress?.Invoke(new PipelineProgress(PipelineStage.SampleLatents, index));
                    latents = SampleLatents(request.Prompt, caption, request.Seed, index, request.Prior, request.Render);
                }

                // 4–5. As `render` would from the latents document; 6–7 once the batch is full.
                ConditionedImage image = Condition(request.Prompt, caption, latents, request.Seed, index, request.Render, progress, cancellation);
                if (batch.Count > 0 && batch[0].LoopSettings != image.LoopSettings)
                    DenoiseBatch(batch, BatchSizeOf(batch[0]), images, progress, cancellation);
                batch.Add(image);
                if (batch.Count == BatchSizeOf(image))
                    DenoiseBatch(batch, batch.Count, images, progress, cancellation);
            }
        if (batch.Count > 0)
            DenoiseBatch(batch, BatchSizeOf(batch[0]), images, progress, cancellation);
        return images;
    }

    /// <summary>Samples image <paramref name="index"/>'s latents for <paramref name="prompt"/> (stages 1–3).</summary>
    /// <exception cref="LatentSamplingException">No valid latents within the allowed attempts.</exception>
    /// <param name="cancellation">Checked before the prior runs (an attempt is not interrupted).</param>
    public LatentsDocument SampleLatents(string prompt, ulong seed, int index, PriorSamplingSettings? prior = null, RenderSettings? render = null,
        CancellationToken cancellation = default)
    {
        prior ??= new PriorSamplingSettings();
        render ??= new RenderSettings();
        RequirePrior();
        ValidateRequest(render, prior);
        EncodedCaption caption = EncodeCaption(prompt, render.TruncateCaption, index, progress: null);
        cancellation.ThrowIfCancellationRequested();
        return SampleLatents(prompt, caption, seed, index, prior, render);
    }

    /// <summary>
    /// Renders image <paramref name="index"/> from a latents document (sampled or edited; its prompt is the
    /// caption). Baseline packages take null. Stages 1–2 and 4–7.
    /// </summary>
    public RenderedImage Render(LatentsDocument? latents, string prompt, ulong seed, int index, RenderSettings? settings = null,
        Action<PipelineProgress>? progress = null, CancellationToken cancellation = default)
    {
        settings ??= new RenderSettings();
        ValidateRequest(settings, prior: null);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (latents is not null && latents.Prompt != prompt)
            throw new UserInputException($"The latents document's prompt \"{latents.Prompt}\" differs from the prompt given \"{prompt}\".");
        EncodedCaption caption = EncodeCaption(prompt, settings.TruncateCaption, index, progress);
        ConditionedImage image = Condition(prompt, caption, latents, seed, index, settings, progress, cancellation);
        var images = new List<RenderedImage>(1);
        DenoiseBatch([image], batchSize: 1, images, progress, cancellation);
        return images[0];
    }

    /// <summary>
    /// Tokenizes <paramref name="prompt"/> as rendering would, and nothing more: a run checks every prompt with this
    /// before its first image, so a caption too long on the last line of a prompt file fails at once, not hours in.
    /// </summary>
    /// <exception cref="CaptionTooLongException">The caption needs more tokens than the model takes and <paramref name="truncate"/> is off.</exception>
    public void CheckCaption(string prompt, bool truncate) => _model.Encoder.Tokenize(prompt, truncate);

    /// <summary>Renders a latents document with its own prompt.</summary>
    public RenderedImage Render(LatentsDocument latents, ulong seed, int index, RenderSettings? settings = null,
        Action<PipelineProgress>? progress = null, CancellationToken cancellation = default) =>
        Render(latents, latents.Prompt, seed, index, settings, progress, cancellation);

    LatentsDocument SampleLatents(string prompt, EncodedCaption caption, ulong seed, int index, PriorSamplingSettings prior, RenderSettings render)
    {
        SampledLatents sampled = _model.Prior!.Sample(caption, seed, index, prior);
        return new LatentsDocument(prompt, sampled.Latents)
        {
            ModelId = Manifest.ModelId,
            Seed = seed,
            Index = index,
            Sampling = new SamplingSettings
            {
                Steps = render.Steps,
                Sampler = render.Sampler,
                Guidance = render.Guidance,
                GuidanceCutoff = render.GuidanceCutoff == 0 ? null : render.GuidanceCutoff,
                Eta = render.Eta,
                Temperature = prior.Temperature,
                TopK = prior.TopK == 0 ? null : prior.TopK,
                TopP = prior.TopP,
                MaxLatentTokens = prior.MaxLatentTokens,
            },
        };
    }

    /// <summary>One image ready for the denoiser: its conditioning rows ([uncond; cond], or [cond] at w = 1) and what stage 7 records.</summary>
    sealed record ConditionedImage(string Prompt, ulong Seed, int Index, RenderSettings Settings, DenoiseLoopSettings LoopSettings,
        LatentsDocument? Latents, ImageConditioning Conditioning);

    /// <summary>Stages 4–5 for one image whose caption is already encoded.</summary>
    ConditionedImage Condition(string prompt, EncodedCaption caption, LatentsDocument? latents, ulong seed, int index,
        RenderSettings settings, Action<PipelineProgress>? progress, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        ConditioningSpec spec = Manifest.Conditioning;

        // 4. Teacher-forced decoder states at [start, z…] from the latents' canonical text (Kaleido only).
        DecoderStates? decoded = null;
        ObjectGrounding? grounding = null;
        if (_model.Decoder is { } decoder)
        {
            if (latents is null)
                throw new UserInputException($"Model '{Manifest.ModelId}' is a Kaleido model: rendering needs latents.");
            if (latents.Kind != _model.LatentKind)
                throw new UserInputException(
                    $"The latents are of kind '{latents.Kind.ToName()}'; model '{Manifest.ModelId}' takes '{_model.LatentKind!.Value.ToName()}'.");
            CheckVisualCodes(latents.Latents);
            progress?.Invoke(new PipelineProgress(PipelineStage.TeacherForce, index));
            int[] latentTokens;
            if (spec.Grounding is null)
                latentTokens = Tokenizer.Encode(LatentsFormatter.Format(latents.Latents));
            else
            {
                grounding = ObjectGrounding.Locate(latents.Latents, Tokenizer);
                latentTokens = [.. grounding.LatentTokens];
            }
            decoded = decoder.Run(caption, latentTokens);
        }
        else if (latents is not null)
        {
            throw new UserInputException($"Model '{Manifest.ModelId}' is a baseline model: it takes no latents.");
        }

        // 5. Conditioning rows: [uncond; cond] when guided, [cond] at w = 1; each [L, D] with its mask [L].
        progress?.Invoke(new PipelineProgress(PipelineStage.Condition, index));
        DenoiseLoopSettings loopSettings = settings.ToLoopSettings();
        int rows = loopSettings.ModelRows(batchSize: 1);
        var states = new float[rows * _conditioning.RowValues];
        var mask = new long[rows * spec.Length];
        _conditioning.Write(caption, decoded, loopSettings.IsGuided, states, mask);
        long[]? tokenObjects = null;
        float[]? regions = null;
        if (grounding is not null)
        {
            tokenObjects = new long[rows * spec.Length];
            regions = new float[rows * spec.Grounding!.MaxObjects * ObjectGrounding.RegionValues];
            _conditioning.WriteGrounding(grounding, loopSettings.IsGuided, tokenObjects, regions);
        }
        return new ConditionedImage(prompt, seed, index, settings, loopSettings, latents, new ImageConditioning(states, mask, tokenObjects, regions));
    }

    /// <summary>
    /// Stages 6–7 for up to <paramref name="batchSize"/> images of one loop setting, added to <paramref name="images"/> in
    /// order; <paramref name="batch"/> is emptied. A short batch is padded to B with copies of its last image, whose
    /// results are dropped, so one denoiser session of 2B rows serves every batch (and one of one row its unguided steps).
    /// </summary>
    void DenoiseBatch(List<ConditionedImage> batch, int batchSize, List<RenderedImage> images, Action<PipelineProgress>? progress,
        CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        ConditionedImage first = batch[0];
        DenoiseLoopSettings loopSettings = first.LoopSettings;
        ConditionedImage Slot(int slot) => batch[Math.Min(slot, batch.Count - 1)];

        // 6. The batch's rows, [uncond × B; cond × B] (or [cond × B]).
        var denoiser = new BatchDenoiser(_model, loopSettings, Enumerable.Range(0, batchSize).Select(b => Slot(b).Conditioning).ToArray());

        // Guided denoising from x_T, each image's own noise stream (seed, index) at every resolution.
        DenoiseLoop loop = Loop(loopSettings, batchSize);
        var noise = new KeyedStepNoise(Enumerable.Range(0, batchSize).Select(b => new NoiseKey(Slot(b).Seed, (uint)Slot(b).Index, 0, 0)).ToArray(), _sides);
        var samples = _sides.Select(side => (Memory<float>)new float[batchSize * 3 * side * side]).ToArray();
        loop.Sample(denoiser, noise, samples, progress is null ? null
            : step => progress(new PipelineProgress(PipelineStage.Denoise, first.Index, step, first.Settings.Steps)), cancellation);

        // 7. Each image: x_0 at the highest resolution, [3, S, S].
        int values = 3 * _sides[0] * _sides[0];
        for (int b = 0; b < batch.Count; b++)
        {
            ConditionedImage image = batch[b];
            progress?.Invoke(new PipelineProgress(PipelineStage.Image, image.Index));
            string? latentsJson = image.Latents is null ? null : LatentsDocumentWriter.Write(image.Latents, indented: false);
            var metadata = new ImageMetadata(image.Prompt, image.Seed, image.Index, image.Settings.Steps, image.Settings.Sampler,
                image.Settings.Guidance, Manifest.ModelId, latentsJson) { GuidanceCutoff = image.Settings.GuidanceCutoff };
            images.Add(new RenderedImage(samples[0].Span.Slice(b * values, values).ToArray(), _sides[0], metadata, image.Latents));
        }
        batch.Clear();
    }

    /// <summary>
    /// Edited latents may name a visual code the tokenizer has no token for (<c>&lt;v70&gt;</c> on a 64-code model); it
    /// would be read as plain text and render without complaint, so it is refused here, as the prior's own draws are.
    /// </summary>
    void CheckVisualCodes(DiscreteLatents latents)
    {
        VokenLatents? vokens = latents switch { VokenLatents v => v, CombinedLatents c => c.Voken, _ => null };
        if (vokens is null)
            return;
        try
        {
            new VokenConstraints(codebookSize: Math.Max(Tokenizer.CodebookSize, 1)).Check(vokens);
        }
        catch (LatentsFormatException e)
        {
            throw new UserInputException($"Model '{Manifest.ModelId}' cannot render these latents: {e.Message}.", e);
        }
    }

    EncodedCaption EncodeCaption(string prompt, bool truncate, int index, Action<PipelineProgress>? progress)
    {
        progress?.Invoke(new PipelineProgress(PipelineStage.Tokenize, index));
        FixedLengthEncoding ids = _model.Encoder.Tokenize(prompt, truncate);
        progress?.Invoke(new PipelineProgress(PipelineStage.Encode, index));
        return _model.Encoder.Encode(ids);
    }

    /// <summary>The loop for B images; its tables and buffers are kept while the settings and B stay the same.</summary>
    DenoiseLoop Loop(DenoiseLoopSettings settings, int batchSize)
    {
        if (_loop is { } cached && cached.Settings == settings && cached.BatchSize == batchSize)
            return cached.Loop;
        var loop = new DenoiseLoop(settings, _model.Resolutions, batchSize);
        _loop = (settings, batchSize, loop);
        return loop;
    }

    /// <summary>
    /// Checks settings against this model's bounds (its T, vocabulary and latent length), as every call here does first:
    /// a server checks a request with it before queueing the work.
    /// </summary>
    /// <exception cref="UserInputException">A value is out of range; it names the setting by its key.</exception>
    public void ValidateRequest(RenderSettings render, PriorSamplingSettings? prior)
    {
        ArgumentNullException.ThrowIfNull(render);
        render.Validate(_model.Resolutions[0].Schedule.TrainingSteps);
        prior?.Validate(Tokenizer.VocabSize, Manifest.Conditioning.MaxLatentTokens);
    }

    void RequirePrior()
    {
        if (_model.Prior is null)
            throw new UserInputException($"Model '{Manifest.ModelId}' is a baseline model: it has no latent prior to sample.");
    }

    public void Dispose() => _model.Dispose();
}
