using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Diffusion.Noise;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Diffusion.Schedules;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// Prompt → image for one model package. Opened once with the load-time settings (device, threads): the
/// tokenizer, every ONNX Runtime session and the GenAI model are created here and reused for every image.
/// Each image runs alone in its own fixed-shape batch ([uncond; cond], or [cond] at w = 1), so its bytes depend
/// only on (seed, index, settings), never on how many images a request makes (docs/runtime.md).
/// Baseline packages run the same stages without the prior (stages 3 and 4).
/// Not thread-safe: one image at a time.
/// </summary>
public sealed class KaleidoPipeline : IDisposable
{
    readonly ModelPackage _package;
    readonly PackageSessions _sessions;
    readonly KaleidoTokenizer _tokenizer;
    readonly CaptionEncoder _encoder;
    readonly TeacherForcedDecoder? _decoder;
    readonly GenAiTokenSampler? _genAi;
    readonly PriorLatentSampler? _prior;
    readonly DenoiseResolution[] _resolutions;
    readonly int[] _sides;
    readonly LatentKind? _latentKind;
    DenoiserSession? _guidedDenoiser, _conditionalDenoiser;
    (float[] States, long[] Mask)? _unconditional;
    (DenoiseLoopSettings Settings, DenoiseLoop Loop)? _loop;

    KaleidoPipeline(ModelPackage package, SessionSettings settings)
    {
        _package = package;
        PackageManifest m = package.Manifest;
        ConditioningSpec c = m.Conditioning;
        _tokenizer = LoadTokenizer(package);
        if (_tokenizer.PadId != m.Tokens.Pad || _tokenizer.EosId != m.Tokens.Eos || _tokenizer.DecoderStartId != m.Tokens.DecoderStart)
            throw new PackageException(
                $"{ModelPackage.ManifestFileName}: tokens (pad {m.Tokens.Pad}, eos {m.Tokens.Eos}, start {m.Tokens.DecoderStart}) differ from the tokenizer's " +
                $"(pad {_tokenizer.PadId}, eos {_tokenizer.EosId}, start {_tokenizer.DecoderStartId}).");
        _sessions = PackageSessions.Open(package, new OrtSessionFactory(settings));
        try
        {
            _encoder = new CaptionEncoder(_sessions.Encoder, c.MaxCaptionTokens, c.Width);
            if (m.Kind == ModelKind.Kaleido)
            {
                if (!LatentKindNames.TryParse(m.LatentKind, out LatentKind kind))
                    throw new PackageException($"{ModelPackage.ManifestFileName}: latentKind '{m.LatentKind}' is not one of {string.Join(", ", LatentKindNames.All)}.");
                _latentKind = kind;
                _decoder = new TeacherForcedDecoder(_sessions.Decoder!, m.Tokens, c.MaxLatentTokens, c.Width);
                string genAiFolder = Path.GetDirectoryName(package.PathOf(PackageFileRoles.GenAiConfig))!;
                _genAi = new GenAiTokenSampler(genAiFolder, m.Tokens.DecoderStart, m.Tokens.Eos, _tokenizer.VocabSize);
                _prior = new PriorLatentSampler(_genAi, _tokenizer, kind, c.MaxLatentTokens);
            }

            // Every resolution's schedule, shifted by its size over the lowest (SNR' = SNR / s^p), built once.
            var scheduleSettings = new NoiseScheduleSettings
            {
                Kind = m.Schedule.Name == "cosine" ? NoiseScheduleKind.LogSnrCosine : NoiseScheduleKind.SquaredCosine,
                ShiftPower = m.Schedule.ShiftPower,
            };
            _sides = [.. m.Resolutions];
            _resolutions = _sides
                .Select(side => new DenoiseResolution(3 * side * side,
                    NoiseSchedule.CreateForScale(scheduleSettings, (double)side / _sides[^1])))
                .ToArray();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="package"/> with the load-time <paramref name="settings"/>.</summary>
    /// <exception cref="PackageException">A graph or the tokenizer does not match the manifest.</exception>
    /// <exception cref="Sessions.DeviceUnavailableException">The device asked for cannot be used.</exception>
    public static KaleidoPipeline Open(ModelPackage package, SessionSettings? settings = null) =>
        new(package, settings ?? new SessionSettings());

    public PackageManifest Manifest => _package.Manifest;
    public KaleidoTokenizer Tokenizer => _tokenizer;

    /// <summary>Whether this package samples latents (false for baselines).</summary>
    public bool HasPrior => _prior is not null;

    /// <summary>Makes every image of <paramref name="request"/>, in index order: sample latents, then render them.</summary>
    public IReadOnlyList<RenderedImage> Generate(GenerationRequest request, Action<PipelineProgress>? progress = null)
    {
        ValidateRequest(request.Render, request.Prior);
        var images = new List<RenderedImage>(request.Indices.Count);
        foreach (int index in request.Indices)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            // 1–2. Caption → ids at the fixed length → encoder states (shared by the prior and the conditioning).
            EncodedCaption caption = EncodeCaption(request.Prompt, request.Render.TruncateCaption, index, progress);

            // 3. z ~ p(z | c), this image's own GenAI generator (Kaleido only).
            LatentsDocument? latents = null;
            if (_prior is not null)
            {
                progress?.Invoke(new PipelineProgress(PipelineStage.SampleLatents, index));
                latents = SampleLatents(request.Prompt, caption, request.Seed, index, request.Prior, request.Render);
            }

            // 4–7. Render exactly as `render` would from the latents document.
            images.Add(RenderEncoded(request.Prompt, caption, latents, request.Seed, index, request.Render, progress));
        }
        return images;
    }

    /// <summary>Samples image <paramref name="index"/>'s latents for <paramref name="prompt"/> (stages 1–3).</summary>
    /// <exception cref="LatentSamplingException">No valid latents within the allowed attempts.</exception>
    public LatentsDocument SampleLatents(string prompt, ulong seed, int index, PriorSamplingSettings? prior = null, RenderSettings? render = null)
    {
        prior ??= new PriorSamplingSettings();
        render ??= new RenderSettings();
        RequirePrior();
        ValidateRequest(render, prior);
        EncodedCaption caption = EncodeCaption(prompt, render.TruncateCaption, index, progress: null);
        return SampleLatents(prompt, caption, seed, index, prior, render);
    }

    /// <summary>
    /// Renders image <paramref name="index"/> from a latents document (sampled or edited; its prompt is the
    /// caption). Baseline packages take null. Stages 1–2 and 4–7.
    /// </summary>
    public RenderedImage Render(LatentsDocument? latents, string prompt, ulong seed, int index, RenderSettings? settings = null,
        Action<PipelineProgress>? progress = null)
    {
        settings ??= new RenderSettings();
        ValidateRequest(settings, prior: null);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (latents is not null && latents.Prompt != prompt)
            throw new UserInputException($"The latents document's prompt \"{latents.Prompt}\" differs from the prompt given \"{prompt}\".");
        EncodedCaption caption = EncodeCaption(prompt, settings.TruncateCaption, index, progress);
        return RenderEncoded(prompt, caption, latents, seed, index, settings, progress);
    }

    /// <summary>Renders a latents document with its own prompt.</summary>
    public RenderedImage Render(LatentsDocument latents, ulong seed, int index, RenderSettings? settings = null,
        Action<PipelineProgress>? progress = null) =>
        Render(latents, latents.Prompt, seed, index, settings, progress);

    LatentsDocument SampleLatents(string prompt, EncodedCaption caption, ulong seed, int index, PriorSamplingSettings prior, RenderSettings render)
    {
        SampledLatents sampled = _prior!.Sample(caption, seed, index, prior);
        return new LatentsDocument(prompt, sampled.Latents)
        {
            ModelId = Manifest.ModelId,
            Seed = seed,
            Index = index,
            Sampling = new SamplingSettings
            {
                Steps = render.Steps,
                Sampler = render.Sampler.ToLowerInvariant(),
                Guidance = render.Guidance,
                Eta = render.Eta,
                Temperature = prior.Temperature,
                TopK = prior.TopK == 0 ? null : prior.TopK,
                TopP = prior.TopP,
                MaxLatentTokens = prior.MaxLatentTokens,
            },
        };
    }

    /// <summary>Stages 4–7 for one image whose caption is already encoded.</summary>
    RenderedImage RenderEncoded(string prompt, EncodedCaption caption, LatentsDocument? latents, ulong seed, int index,
        RenderSettings settings, Action<PipelineProgress>? progress)
    {
        ConditioningSpec spec = Manifest.Conditioning;

        // 4. Teacher-forced decoder states at [start, z…] from the latents' canonical text (Kaleido only).
        DecoderStates? decoded = null;
        if (_decoder is not null)
        {
            if (latents is null)
                throw new UserInputException($"Model '{Manifest.ModelId}' is a Kaleido model: rendering needs latents.");
            if (latents.Kind != _latentKind)
                throw new UserInputException(
                    $"The latents are of kind '{latents.Kind.ToName()}'; model '{Manifest.ModelId}' takes '{_latentKind!.Value.ToName()}'.");
            progress?.Invoke(new PipelineProgress(PipelineStage.TeacherForce, index));
            int[] latentTokens = _tokenizer.Encode(LatentsFormatter.Format(latents.Latents));
            decoded = _decoder.Run(caption, latentTokens);
        }
        else if (latents is not null)
        {
            throw new UserInputException($"Model '{Manifest.ModelId}' is a baseline model: it takes no latents.");
        }

        // 5. Conditioning rows: [uncond; cond] when guided, [cond] at w = 1; each [L, D] with its mask [L].
        progress?.Invoke(new PipelineProgress(PipelineStage.Condition, index));
        bool guided = settings.Guidance != 1.0f;
        int rows = guided ? 2 : 1;
        int rowValues = spec.Length * spec.Width;
        var states = new float[rows * rowValues];
        var mask = new long[rows * spec.Length];
        if (guided)
        {
            var (uncondStates, uncondMask) = Unconditional();
            uncondStates.CopyTo(states, 0);
            uncondMask.CopyTo(mask, 0);
        }
        ConditioningSequence.Concatenate(caption.States, caption.Mask, decoded?.States ?? [], decoded?.Mask ?? [],
            spec.Width, states.AsSpan((rows - 1) * rowValues), mask.AsSpan((rows - 1) * spec.Length));

        // 6. Guided denoising from x_T, this image's own noise stream (seed, index) at every resolution.
        DenoiserSession denoiser = Denoiser(guided);
        denoiser.SetConditioning(states, mask);
        DenoiseLoop loop = Loop(settings.ToLoopSettings());
        var noise = new KeyedStepNoise([new NoiseKey(seed, (uint)index, 0, 0)], _sides);
        var samples = new Memory<float>[_sides.Length];
        for (int r = 0; r < _sides.Length; r++)
        {
            var xT = new float[_resolutions[r].ElementsPerSample];
            noise.FillStart(r, 0, xT);
            samples[r] = xT;
        }
        int step = 0;
        denoiser.StepCompleted = progress is null ? null
            : _ => progress(new PipelineProgress(PipelineStage.Denoise, index, ++step, settings.Steps));
        try
        {
            loop.Run(denoiser, noise, samples);
        }
        finally
        {
            denoiser.StepCompleted = null;
        }

        // 7. The image: x_0 at the highest resolution, [3, S, S].
        progress?.Invoke(new PipelineProgress(PipelineStage.Image, index));
        string? latentsJson = latents is null ? null : LatentsDocumentWriter.Write(latents, indented: false);
        var metadata = new ImageMetadata(prompt, seed, index, settings.Steps, settings.Sampler.ToLowerInvariant(),
            settings.Guidance, Manifest.ModelId, latentsJson);
        return new RenderedImage(samples[0].ToArray(), _sides[0], metadata, latents);
    }

    EncodedCaption EncodeCaption(string prompt, bool truncate, int index, Action<PipelineProgress>? progress)
    {
        progress?.Invoke(new PipelineProgress(PipelineStage.Tokenize, index));
        FixedLengthEncoding ids = _tokenizer.EncodeFixedLength(prompt, _encoder.CaptionLength, appendEos: true, truncate);
        progress?.Invoke(new PipelineProgress(PipelineStage.Encode, index));
        return _encoder.Encode(ids);
    }

    /// <summary>
    /// The unconditional row, the same for every image, computed once: encoder states of the empty caption, then
    /// (Kaleido) the decoder's states at the start token alone under that caption (paper eq. 8's p(x)).
    /// </summary>
    (float[] States, long[] Mask) Unconditional()
    {
        if (_unconditional is { } cached)
            return cached;
        ConditioningSpec spec = Manifest.Conditioning;
        EncodedCaption empty = _encoder.Encode(_tokenizer, "");
        DecoderStates? start = _decoder?.Run(empty, []);
        var states = new float[spec.Length * spec.Width];
        var mask = new long[spec.Length];
        ConditioningSequence.Concatenate(empty.States, empty.Mask, start?.States ?? [], start?.Mask ?? [], spec.Width, states, mask);
        _unconditional = (states, mask);
        return (states, mask);
    }

    DenoiserSession Denoiser(bool guided)
    {
        ConditioningSpec spec = Manifest.Conditioning;
        return guided
            ? _guidedDenoiser ??= new DenoiserSession(_sessions.Denoiser, _sides, spec.Length, spec.Width, rows: 2)
            : _conditionalDenoiser ??= new DenoiserSession(_sessions.Denoiser, _sides, spec.Length, spec.Width, rows: 1);
    }

    /// <summary>One image per loop run (B = 1); the loop's tables and buffers are kept while the settings stay the same.</summary>
    DenoiseLoop Loop(DenoiseLoopSettings settings)
    {
        if (_loop is { } cached && cached.Settings == settings)
            return cached.Loop;
        var loop = new DenoiseLoop(settings, _resolutions, batchSize: 1);
        _loop = (settings, loop);
        return loop;
    }

    void ValidateRequest(RenderSettings render, PriorSamplingSettings? prior)
    {
        ArgumentNullException.ThrowIfNull(render);
        render.Validate(_resolutions[0].Schedule.TrainingSteps);
        prior?.Validate(_tokenizer.VocabSize, Manifest.Conditioning.MaxLatentTokens);
    }

    void RequirePrior()
    {
        if (_prior is null)
            throw new UserInputException($"Model '{Manifest.ModelId}' is a baseline model: it has no latent prior to sample.");
    }

    static KaleidoTokenizer LoadTokenizer(ModelPackage package)
    {
        string? descriptor = package.PathsOf(PackageFileRoles.Tokenizer)
            .FirstOrDefault(p => Path.GetFileName(p) == TokenizerDescriptor.FileName);
        if (descriptor is null)
            throw new PackageException(
                $"{ModelPackage.ManifestFileName} in '{package.Directory}' lists no '{TokenizerDescriptor.FileName}' with role '{PackageFileRoles.Tokenizer}'.");
        return KaleidoTokenizer.Load(Path.GetDirectoryName(descriptor)!);
    }

    public void Dispose()
    {
        _guidedDenoiser?.Dispose();
        _conditionalDenoiser?.Dispose();
        _genAi?.Dispose();
        _sessions?.Dispose();
    }
}
