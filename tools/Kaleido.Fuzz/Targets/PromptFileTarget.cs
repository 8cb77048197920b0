using Kaleido.Cli.Requests;
using Kaleido.Runtime;

namespace Kaleido.Fuzz.Targets;

/// <summary><see cref="PromptFile.Read"/> on a prompt file holding the input (plain lines and JSON records).</summary>
public sealed class PromptFileTarget(ScratchFolder scratch) : FuzzTarget
{
    public const string TargetName = "prompt-file";

    readonly string _path = Path.Combine(scratch.Path, "prompts.txt");

    public override string Name => TargetName;

    public override Type DocumentedException => typeof(UserInputException);

    // Every message names the file, or its line ("PATH line N: ...").
    public override IReadOnlyList<string> InputNames => [_path];

    protected override void Read(byte[] input)
    {
        File.WriteAllBytes(_path, input);
        PromptFile.Read(_path);
    }
}
