namespace Kaleido.Cli.Serve;

/// <summary>
/// What the endpoints share: the settings, the counters, the url images, and the model once it is loaded (null
/// before: <c>/readyz</c> answers 503 and the API 503 with Retry-After until then). <see cref="WorkStop"/> cancels
/// in-flight work when the shutdown grace period ends.
/// </summary>
sealed class ServerState(ServeSettings settings)
{
    readonly CancellationTokenSource _workStop = new();
    volatile ServedModel? _model;
    volatile bool _stopping;

    public ServeSettings Settings { get; } = settings;
    public ServeMetrics Metrics { get; } = new();
    public ImageStore Files { get; } = new(settings.Files);
    public BearerToken? Token { get; } = settings.Token is null ? null : new BearerToken(settings.Token);

    public ServedModel? Model => _model;

    public bool IsStopping => _stopping;

    /// <summary>Fires when the grace period after SIGTERM is over: running work stops at its next denoising step.</summary>
    public CancellationToken WorkStop => _workStop.Token;

    public void Loaded(ServedModel model) => _model = model;

    /// <summary>SIGTERM: readiness goes down at once; work still running after <paramref name="grace"/> is cancelled.</summary>
    public void BeginStopping(TimeSpan grace)
    {
        _stopping = true;
        _workStop.CancelAfter(grace);
    }
}
