using CommandLine;
using Kaleido.Runtime;
using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Commands;

/// <summary>
/// Per-image options of the verbs that start from a prompt (<c>generate</c>, <c>latents</c>). Every value is
/// optional: what is not given comes from <see cref="GenerationSettings"/>'s defaults, so they are stated once.
/// </summary>
public abstract class PromptOptions : ModelOptions
{
    [Value(0, MetaName = "PROMPT", HelpText = "The text to draw (or use --prompts FILE).")]
    public IEnumerable<string> Arguments { get; init; } = [];

    public override IEnumerable<string> UnexpectedArguments => Arguments.Skip(1);

    [Option("prompts", MetaValue = "FILE", HelpText = "A prompt file: one prompt or JSON record per line (docs/cli.md).")]
    public string? Prompts { get; init; }

    [Option('n', "count", MetaValue = "N", HelpText = "Images per prompt. Default: 1.")]
    public int? Count { get; init; }

    [Option('s', "seed", MetaValue = "N", HelpText = "Base seed of the run (0 to 2^64-1); each record's seed derives from it. Default: 0.")]
    public ulong? Seed { get; init; }

    [Option("start-index", MetaValue = "N", HelpText = "Index of the first image of each prompt. Default: 0.")]
    public int? StartIndex { get; init; }

    [Option("cfg", MetaValue = "W", HelpText = "Classifier-free guidance weight (1 turns guidance off). Default: 7.")]
    public double? Cfg { get; init; }

    [Option("steps", MetaValue = "N", HelpText = "Denoising steps, 1 to 1000. Default: 250.")]
    public int? Steps { get; init; }

    [Option("sampler", MetaValue = "ddpm|ddim", HelpText = "Denoising sampler. Default: ddpm.")]
    public string? Sampler { get; init; }

    [Option("eta", MetaValue = "ETA", HelpText = "DDIM eta (ddim only). Default: 0.")]
    public double? Eta { get; init; }

    [Option("temperature", MetaValue = "T", HelpText = "Prior sampling temperature (> 0). Default: 1.")]
    public double? Temperature { get; init; }

    [Option("top-k", MetaValue = "K", HelpText = "Prior top-k (0 = off). Default: 0.")]
    public int? TopK { get; init; }

    [Option("top-p", MetaValue = "P", HelpText = "Prior nucleus mass in (0, 1] (1 = off). Default: 1.")]
    public double? TopP { get; init; }

    [Option("max-latent-tokens", MetaValue = "N", HelpText = "Latent tokens the prior may sample, 1 to the model's limit (kaleido info). Default: the model's limit.")]
    public int? MaxLatentTokens { get; init; }

    [Option("attempts", MetaValue = "K", HelpText = "Draws per image before latents that do not parse fail the run (exit 4). Default: 4.")]
    public int? Attempts { get; init; }

    [Option("truncate", HelpText = "Cut a prompt longer than the model's caption length instead of failing.")]
    public bool Truncate { get; init; }

    /// <summary>The base seed when --seed is not given.</summary>
    public const ulong DefaultSeed = 0;

    /// <summary>The prompt records: the PROMPT argument as line 1 of a one-line file, or the --prompts file.</summary>
    /// <exception cref="UserInputException">Both or neither given, or the file is bad.</exception>
    public IReadOnlyList<PromptRecord> ReadRecords(CommandContext context)
    {
        string? prompt = Arguments.FirstOrDefault();
        return (prompt, Prompts) switch
        {
            (null, null) => throw new UserInputException("No prompt given; expected PROMPT or --prompts FILE."),
            (not null, not null) => throw new UserInputException("Both PROMPT and --prompts FILE given; expected one of them."),
            (not null, null) => [PromptRecord.FromCommandLine(prompt)],
            _ => PromptFile.Read(context.Resolve(Prompts!)),
        };
    }

    /// <summary>The command-line settings over the defaults.</summary>
    public GenerationSettings ToSettings()
    {
        var d = new GenerationSettings();
        return d with
        {
            Count = Count ?? d.Count,
            StartIndex = StartIndex ?? d.StartIndex,
            Steps = Steps ?? d.Steps,
            Guidance = Cfg is { } cfg ? (float)cfg : d.Guidance,
            Sampler = Sampler ?? d.Sampler,
            Eta = Eta ?? d.Eta,
            Temperature = Temperature ?? d.Temperature,
            TopK = TopK ?? d.TopK,
            TopP = TopP ?? d.TopP,
            MaxLatentTokens = MaxLatentTokens ?? d.MaxLatentTokens,
            Attempts = Attempts ?? d.Attempts,
            TruncateCaption = Truncate,
        };
    }

    /// <summary>The validated run: one request per record, seeds and file names resolved. Loads no model.</summary>
    public IReadOnlyList<PlannedRecord> Plan(CommandContext context) =>
        GenerationPlan.Create(ReadRecords(context), ToSettings(), Seed ?? DefaultSeed);
}
