using CommandLine;

namespace Kaleido.Cli.Commands;

[Verb("latents", HelpText = "Sample the prior's latents only (no denoising): print them, or save .latents.json files with --out.")]
public sealed class LatentsOptions : PromptOptions;
