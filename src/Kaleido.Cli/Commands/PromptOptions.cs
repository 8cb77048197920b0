using static System.FormattableString;
using System.CommandLine;
using Kaleido.Cli.CommandLine;
using Kaleido.Runtime;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Commands;

/// <summary>
/// Per-image options of the verbs that start from a prompt (<c>generate</c>, <c>latents</c>). Every value is
/// optional: what is not given comes from <see cref="GenerationSettings"/>'s defaults, so they are stated once.
/// </summary>
public abstract class PromptOptions : ModelOptions
{
    public override IEnumerable<string> UnexpectedArguments => Arguments.Skip(1);

    public string? Prompts { get; init; }

    public int? Count { get; init; }

    /// <summary>--seed: the run's base seed, a number or <c>random</c>; null when not given (<see cref="DefaultSeed"/>).</summary>
    public SeedChoice? Seed { get; init; }

    public int? StartIndex { get; init; }

    public double? Cfg { get; init; }

    public int? Steps { get; init; }

    public string? Sampler { get; init; }

    public double? Eta { get; init; }

    public int? GuidanceCutoff { get; init; }

    public double? Temperature { get; init; }

    public int? TopK { get; init; }

    public double? TopP { get; init; }

    public int? MaxLatentTokens { get; init; }

    public int? Attempts { get; init; }

    public bool Truncate { get; init; }

    public int? ShardIndex { get; init; }

    public int? ShardCount { get; init; }

    /// <summary>This process's shard of the run (options, else the batch engine's variables), or null for all of it.</summary>
    public ShardSpec? ResolveShard(CommandContext context) => ShardSpec.Resolve(ShardIndex, ShardCount, context.Variable);

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
            GuidanceCutoff = GuidanceCutoff ?? d.GuidanceCutoff,
            Temperature = Temperature ?? d.Temperature,
            TopK = TopK ?? d.TopK,
            TopP = TopP ?? d.TopP,
            MaxLatentTokens = MaxLatentTokens ?? d.MaxLatentTokens,
            Attempts = Attempts ?? d.Attempts,
            TruncateCaption = Truncate,
        };
    }

    /// <summary>The base seed of this run: the one typed, a fresh draw for <c>random</c>, else <see cref="DefaultSeed"/>.</summary>
    public ulong ResolveBaseSeed() => Seed?.Resolve() ?? DefaultSeed;

    /// <summary>The validated run: one request per record, seeds and file names resolved. Loads no model.</summary>
    public IReadOnlyList<PlannedRecord> Plan(CommandContext context, ulong baseSeed) =>
        GenerationPlan.Create(ReadRecords(context), ToSettings(), baseSeed);

    /// <summary>
    /// The <c>generate</c> or <c>latents</c> verb (<paramref name="name"/>): PROMPT, the per-image options and the
    /// load-time ones, spelled and documented as on the command line.
    /// </summary>
    protected static Verb<TOptions> CreateVerb<TOptions>(string name, string description) where TOptions : PromptOptions, new()
    {
        var arguments = CliOption.Positional("PROMPT", "The text to draw (or use --prompts FILE).");
        var prompts = CliOption.Text("--prompts", null, "FILE", "A prompt file: one prompt or JSON record per line (docs/cli.md).");
        // The defaults in the help come from their owners (GenerationSettings, after the runtime's settings records).
        var d = new GenerationSettings();
        var count = CliOption.Int("--count", 'n', "N", Invariant($"Images per prompt. Default: {d.Count}."));
        var seed = CliOption.Seed("--seed", 's',
            "Base seed of the run, 0 to 2^64-1, or 'random' (drawn, printed and recorded); each record's seed derives from it. Default: 0.");
        var startIndex = CliOption.Int("--start-index", null, "N", Invariant($"Index of the first image of each prompt. Default: {d.StartIndex}."));
        var cfg = CliOption.Double("--cfg", null, "W", Invariant($"Classifier-free guidance weight (1 turns guidance off). Default: {d.Guidance:0.##}."));
        var steps = CliOption.Int("--steps", null, "N", Invariant($"Denoising steps, 1 to {GenerationSettings.MaxSteps}. Default: {d.Steps}."));
        var sampler = CliOption.Text("--sampler", null, string.Join("|", DiffusionSamplers.Names), $"Denoising sampler. Default: {d.Sampler}.");
        var eta = CliOption.Double("--eta", null, "ETA", Invariant($"DDIM eta (ddim only). Default: {d.Eta:0.##}."));
        var guidanceCutoff = CliOption.Int("--guidance-cutoff", null, "T",
            Invariant($"Steps with table index t below T (of 1000) run unguided; 0 guides every step, as the paper. Default: {d.GuidanceCutoff}."));
        var temperature = CliOption.Double("--temperature", null, "T", Invariant($"Prior sampling temperature (> 0). Default: {d.Temperature:0.##}."));
        var topK = CliOption.Int("--top-k", null, "K", Invariant($"Prior top-k (0 = off). Default: {d.TopK}."));
        var topP = CliOption.Double("--top-p", null, "P", Invariant($"Prior nucleus mass in (0, 1] (1 = off). Default: {d.TopP:0.##}."));
        var maxLatentTokens = CliOption.Int("--max-latent-tokens", null, "N",
            "Latent tokens the prior may sample, 1 to the model's limit (kaleido info). Default: the model's limit.");
        var attempts = CliOption.Int("--attempts", null, "K",
            Invariant($"Draws per image before latents that do not parse fail the run (exit 4). Default: {d.Attempts}."));
        var truncate = CliOption.Flag("--truncate", null, "Cut a prompt longer than the model's caption length instead of failing.");
        var shardIndex = ShardOptions.Index();
        var shardCount = ShardOptions.Count();
        var model = new ModelOptions.Spelling();

        var command = new Command(name, description)
        {
            arguments, prompts, count, seed, startIndex, cfg, steps, sampler, eta, guidanceCutoff, temperature, topK, topP,
            maxLatentTokens, attempts, truncate, shardIndex, shardCount,
        };
        model.AddTo(command);
        return new Verb<TOptions>(command, arguments, result => model.Bind(result, new TOptions
        {
            Prompts = result.GetValue(prompts),
            Count = result.GetValue(count),
            Seed = result.GetValue(seed),
            StartIndex = result.GetValue(startIndex),
            Cfg = result.GetValue(cfg),
            Steps = result.GetValue(steps),
            Sampler = result.GetValue(sampler),
            Eta = result.GetValue(eta),
            GuidanceCutoff = result.GetValue(guidanceCutoff),
            Temperature = result.GetValue(temperature),
            TopK = result.GetValue(topK),
            TopP = result.GetValue(topP),
            MaxLatentTokens = result.GetValue(maxLatentTokens),
            Attempts = result.GetValue(attempts),
            Truncate = result.GetValue(truncate),
            ShardIndex = result.GetValue(shardIndex),
            ShardCount = result.GetValue(shardCount),
        }));
    }
}
