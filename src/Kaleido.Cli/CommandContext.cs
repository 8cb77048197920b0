namespace Kaleido.Cli;

/// <summary>
/// What a command may touch of its process: where to write, the folder relative paths resolve
/// against, and whether to print stack traces. Tests pass their own writers and folder.
/// </summary>
/// <param name="Debug">KALEIDO_DEBUG=1: print the stack trace of internal errors.</param>
public sealed record CommandContext(TextWriter Out, TextWriter Error, string WorkingDirectory, bool Debug)
{
    /// <summary>The environment variable that turns on stack traces for internal errors.</summary>
    public const string DebugVariable = "KALEIDO_DEBUG";

    /// <summary>
    /// Whether <see cref="Error"/> is a terminal, where progress may redraw one line; redirected (a file, a
    /// pipe, a test's writer) it gets plain lines instead.
    /// </summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Every change the output layer makes to the disk goes through this (tests fail it on purpose).</summary>
    public Output.IOutputFileSystem FileSystem { get; init; } = Output.DiskOutputFileSystem.Instance;

    /// <summary>Stops a run like SIGTERM does (tests); the process's own SIGTERM is listened to as well.</summary>
    public CancellationToken StopRequested { get; init; }

    /// <summary>The command line's arguments after <c>kaleido</c>, for the command that resumes a stopped run.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The environment variable naming the model package used when no --model is given.</summary>
    public const string ModelVariable = "KALEIDO_MODEL";

    /// <summary>
    /// The process environment's variables (<see cref="ModelVariable"/>, the batch engines' shard variables); none
    /// unless set, so a test sees only what it sets.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>A variable of <see cref="Environment"/>, null when unset or empty.</summary>
    public string? Variable(string name) => Environment(name) is { Length: > 0 } value ? value : null;

    /// <summary>The folder holding the kaleido binary, where a published build may keep its default model.</summary>
    public string BinaryDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>The real console, current folder and environment.</summary>
    public static CommandContext FromProcess() => new(
        Console.Out, Console.Error, System.Environment.CurrentDirectory,
        Debug: System.Environment.GetEnvironmentVariable(DebugVariable) == "1")
    {
        ErrorIsTerminal = !Console.IsErrorRedirected,
        Environment = System.Environment.GetEnvironmentVariable,
    };

    /// <summary>An absolute path for <paramref name="path"/>, relative ones taken from <see cref="WorkingDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
