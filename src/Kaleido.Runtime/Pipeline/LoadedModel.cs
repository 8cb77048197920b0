using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// The one owner of a loaded package: its tokenizer, every ONNX Runtime session, the GenAI model and the denoiser
/// sessions, each created once with the load-time settings (device, threads) and freed together. It builds the
/// stage objects in data-path order (tokenizer + encoder → prior sampler → teacher-forced decoder → denoiser);
/// <see cref="KaleidoPipeline"/> runs them and <c>kaleido bench</c> times them, so nothing is wired twice.
/// Not thread-safe.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    readonly PackageSessions _sessions;
    readonly GenAiTokenSampler? _tokenSampler;
    readonly Dictionary<int, DenoiserSession> _denoisers = [];

    LoadedModel(ModelPackage package, SessionSettings settings)
    {
        Package = package;
        PackageManifest m = package.Manifest;
        ConditioningSpec c = m.Conditioning;
        Tokenizer = LoadTokenizer(package);
        if (Tokenizer.PadId != m.Tokens.Pad || Tokenizer.EosId != m.Tokens.Eos || Tokenizer.DecoderStartId != m.Tokens.DecoderStart)
            throw new PackageException(
                $"{ModelPackage.ManifestFileName}: tokens (pad {m.Tokens.Pad}, eos {m.Tokens.Eos}, start {m.Tokens.DecoderStart}) differ from the tokenizer's " +
                $"(pad {Tokenizer.PadId}, eos {Tokenizer.EosId}, start {Tokenizer.DecoderStartId}).");
        var factory = new OrtSessionFactory(settings);
        Threading = factory.Threading;
        _sessions = PackageSessions.Open(package, factory);
        try
        {
            // 1–2. Caption → ids → encoder states.
            Encoder = new CaptionEncoder(_sessions.Encoder, c.MaxCaptionTokens, c.Width, Tokenizer);
            if (package.LatentKind is { } kind)
            {
                // 3. The prior: GenAI samples the latents' tokens, the sampler turns them into parsed latents.
                string genAiFolder = Path.GetDirectoryName(package.PathOf(PackageFileRoles.GenAiConfig))!;
                _tokenSampler = new GenAiTokenSampler(genAiFolder, m.Tokens.DecoderStart, m.Tokens.Eos, Tokenizer.VocabSize);
                Prior = new PriorLatentSampler(_tokenSampler, Tokenizer, kind, c.MaxLatentTokens);
                // 4. The decoder's final hidden states at [start, z…].
                Decoder = new TeacherForcedDecoder(_sessions.Decoder!, m.Tokens, c.MaxLatentTokens, c.Width);
            }
            // 5–6. Every resolution's schedule, for the denoising loop.
            Resolutions = package.DenoiseResolutions();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="package"/> with the load-time <paramref name="settings"/>.</summary>
    /// <exception cref="PackageException">A graph or the tokenizer does not match the manifest.</exception>
    /// <exception cref="DeviceUnavailableException">The device asked for cannot be used.</exception>
    public static LoadedModel Open(ModelPackage package, SessionSettings? settings = null) =>
        new(package, settings ?? new SessionSettings());

    public ModelPackage Package { get; }
    public PackageManifest Manifest => Package.Manifest;

    /// <summary>The intra-op threads and spinning every session got (<see cref="IntraOpThreading"/>).</summary>
    public IntraOpThreading Threading { get; }
    public KaleidoTokenizer Tokenizer { get; }

    /// <summary>Tokenizer + encoder.onnx.</summary>
    public CaptionEncoder Encoder { get; } = null!;

    /// <summary>GenAI's sampler of raw latent tokens (Kaleido packages only).</summary>
    public GenAiTokenSampler? TokenSampler => _tokenSampler;

    /// <summary>z ~ p(z | c): parsed latents with retries (Kaleido packages only).</summary>
    public PriorLatentSampler? Prior { get; }

    /// <summary>The teacher-forced decoder pass that turns latents into hidden states (Kaleido packages only).</summary>
    public TeacherForcedDecoder? Decoder { get; }

    /// <summary>The latent kind the prior samples and the denoiser reads; null for baselines.</summary>
    public LatentKind? LatentKind => Package.LatentKind;

    /// <summary>The denoiser's resolutions, highest first, each with its own shifted schedule.</summary>
    public IReadOnlyList<DenoiseResolution> Resolutions { get; } = [];

    /// <summary>The denoiser for batches of <paramref name="rows"/> rows, made on first use and kept.</summary>
    public DenoiserSession Denoiser(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        if (_denoisers.TryGetValue(rows, out var session))
            return session;
        ConditioningSpec spec = Manifest.Conditioning;
        session = new DenoiserSession(_sessions.Denoiser, [.. Manifest.Resolutions], spec.Length, spec.Width, rows, spec.Grounding?.MaxObjects);
        _denoisers.Add(rows, session);
        return session;
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
        foreach (var denoiser in _denoisers.Values)
            denoiser.Dispose();
        _denoisers.Clear();
        _tokenSampler?.Dispose();
        _sessions?.Dispose();
    }
}
