using CommandLine;

namespace Kaleido.Cli.Commands;

[Verb("generate", HelpText = "Make images from a prompt or a prompt file: PNGs with their latents files, and a contact sheet.")]
public sealed class GenerateOptions : PromptOptions;
