using Kaleido.Cli.Requests;
using Kaleido.Runtime;

namespace Kaleido.Fuzz.Targets;

/// <summary>
/// <see cref="PromptFile.Read"/> on a prompt file holding the input (plain lines and JSON records).
/// Every message names the file, or its line ("PATH line N: ...").
/// </summary>
public sealed class PromptFileTarget(ScratchFolder scratch) : InputFileTarget(scratch, "prompts.txt")
{
    public const string TargetName = "prompt-file";

    public override string Name => TargetName;

    public override Type DocumentedException => typeof(UserInputException);

    protected override void ReadFile(string path) => PromptFile.Read(path);
}
