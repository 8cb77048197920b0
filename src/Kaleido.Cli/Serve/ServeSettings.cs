using System.Globalization;
using System.Net;
using Kaleido.Cli.Commands;
using Kaleido.Runtime;

namespace Kaleido.Cli.Serve;

/// <summary>
/// How <c>kaleido serve</c> listens and bounds its work, each value's default and range stated here once. Built from
/// the command line (<see cref="From"/>), which checks every value before the model loads, so a mistake is exit 2.
/// Immutable.
/// </summary>
public sealed record ServeSettings
{
    /// <summary>Loopback: a server reachable from elsewhere is opened on purpose (<c>--host 0.0.0.0</c>), never by default.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The usual port of a local HTTP service; 0 asks the system for a free one.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The environment variable that holds the bearer token when <c>--token-file</c> is not given (kept out of <c>ps</c>).</summary>
    public const string TokenVariable = "KALEIDO_TOKEN";

    /// <summary>A few requests may wait: a short burst is smoothed, a flood is told to come back (429).</summary>
    public const int DefaultQueue = 8;

    /// <summary>One pipeline: one image at a time uses every core already (ONNX Runtime's intra-op threads).</summary>
    public const int DefaultWorkers = 1;

    /// <summary>As OpenAI's image API: up to 10 images a request; lower it on a slow box.</summary>
    public const int DefaultMaxN = 10;

    /// <summary>Five minutes: a request of 10 images at 250 steps fits on a small CPU (about 20 s per image).</summary>
    public const int DefaultTimeoutSeconds = 300;

    /// <summary>systemd waits 90 s before SIGKILL; 30 s lets an image or two finish and leaves margin.</summary>
    public const int DefaultGraceSeconds = 30;

    /// <summary>The url images held in memory: a few requests' worth, small PNGs.</summary>
    public const int DefaultFiles = 256;

    public const int MaxQueue = 10_000;
    public const int MaxWorkers = 64;
    public const int MaxN = 1000;
    public const int MaxTimeoutSeconds = 86_400;
    public const int MaxGraceSeconds = 3600;
    public const int MaxFiles = 100_000;

    /// <summary>The most a request body may hold: a latents document or a request is a few KiB; more is 413.</summary>
    public const long MaxBodyBytes = 1 << 20;

    /// <summary>Prior attempts one request may ask for: the prior cannot be cancelled mid-attempt, so this bounds its time.</summary>
    public const int MaxAttempts = 16;

    /// <summary>
    /// Longest prompt read, in characters: every model's caption is a few dozen tokens, so a longer text is a mistake (or
    /// an attack) and is refused before it is tokenized.
    /// </summary>
    public const int MaxPromptCharacters = 4096;

    /// <summary>The most a bearer token may hold, so comparing it stays cheap.</summary>
    public const int MaxTokenLength = 4096;

    public IPAddress Host { get; init; } = IPAddress.Loopback;
    public int Port { get; init; } = DefaultPort;

    /// <summary>Null: no authentication (only sensible on loopback).</summary>
    public string? Token { get; init; }

    public int Queue { get; init; } = DefaultQueue;
    public int Workers { get; init; } = DefaultWorkers;
    public int MaxImages { get; init; } = DefaultMaxN;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(DefaultGraceSeconds);
    public int Files { get; init; } = DefaultFiles;
    public bool Quiet { get; init; }

    /// <summary>
    /// The settings of <paramref name="options"/>. The token comes from <c>--token-file</c> (read here, relative to
    /// <paramref name="workingDirectory"/>), else from <paramref name="environmentToken"/> ($KALEIDO_TOKEN): never from argv.
    /// </summary>
    /// <exception cref="UserInputException">A value is out of range, the token file unreadable, or a non-loopback host has no token.</exception>
    public static ServeSettings From(ServeOptions options, string? environmentToken, string workingDirectory)
    {
        int port = Range("--port", options.Port ?? DefaultPort, 0, 65535, "(0 picks a free port)");
        int queue = Range("--queue", options.Queue ?? DefaultQueue, 0, MaxQueue, "(0: no request waits)");
        int workers = Range("--workers", options.Workers ?? DefaultWorkers, 1, MaxWorkers, "");
        int maxN = Range("--max-n", options.MaxN ?? DefaultMaxN, 1, MaxN, "");
        int timeout = Range("--timeout", options.Timeout ?? DefaultTimeoutSeconds, 1, MaxTimeoutSeconds, "(seconds)");
        int grace = Range("--grace", options.Grace ?? DefaultGraceSeconds, 0, MaxGraceSeconds, "(seconds)");
        int files = Range("--files", options.Files ?? DefaultFiles, 1, MaxFiles, "");
        string hostText = options.Host ?? DefaultHost;
        if (!IPAddress.TryParse(hostText, out IPAddress? host))
            throw new UserInputException($"--host is '{hostText}'; expected an IP address such as 127.0.0.1, ::1 or 0.0.0.0.");
        string? token;
        if (options.TokenFile is { } file)
        {
            token = ReadTokenFile(Path.GetFullPath(file, workingDirectory));
            CheckToken(token, $"The first line of --token-file {file}");
        }
        else
        {
            token = string.IsNullOrEmpty(environmentToken) ? null : environmentToken;
            if (token is not null)
                CheckToken(token, "$" + TokenVariable);
        }
        // Anyone who can reach a non-loopback address could run the model: that needs a token, on purpose.
        if (token is null && !IPAddress.IsLoopback(host))
            throw new UserInputException(
                $"--host {hostText} accepts connections from other machines, so a token is required: set ${TokenVariable} or pass --token-file FILE.");
        return new ServeSettings
        {
            Host = host,
            Port = port,
            Token = token,
            Queue = queue,
            Workers = workers,
            MaxImages = maxN,
            Timeout = TimeSpan.FromSeconds(timeout),
            Grace = TimeSpan.FromSeconds(grace),
            Files = files,
            Quiet = options.Quiet,
        };
    }

    static string ReadTokenFile(string path)
    {
        try
        {
            // The first line: a file written by `echo TOKEN > file` ends in a line break that is not part of the token.
            using var reader = new StreamReader(path);
            return reader.ReadLine() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Cannot read --token-file '{path}': {e.Message}", e);
        }
    }

    /// <summary>A token is what a header can carry: visible ASCII, no spaces (RFC 6750's b64token, loosely).</summary>
    static void CheckToken(string token, string name)
    {
        if (token.Length is 0 or > MaxTokenLength || token.Any(c => c is <= ' ' or > '~'))
            throw new UserInputException(
                $"{name} must be 1 to {MaxTokenLength} visible ASCII characters without spaces (it is sent as 'Authorization: Bearer TOKEN').");
    }

    static int Range(string option, int value, int min, int max, string note)
    {
        if (value < min || value > max)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{option} is {value}; expected an integer from {min} to {max}{(note.Length > 0 ? " " + note : "")}."));
        return value;
    }
}
