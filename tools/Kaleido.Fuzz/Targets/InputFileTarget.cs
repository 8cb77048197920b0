namespace Kaleido.Fuzz.Targets;

/// <summary>
/// A target whose reader takes a path, as the CLI reads the user's file: each input is written to one fixed
/// file in the scratch folder and read from there, and every rejection must name that file.
/// </summary>
public abstract class InputFileTarget(ScratchFolder scratch, string fileName) : FuzzTarget
{
    /// <summary>The file each input is written to.</summary>
    protected string InputPath { get; } = Path.Combine(scratch.Path, fileName);

    public override IReadOnlyList<string> InputNames => [InputPath];

    protected sealed override void Read(byte[] input)
    {
        File.WriteAllBytes(InputPath, input);
        ReadFile(InputPath);
    }

    /// <summary>Runs the reader on the file holding the input.</summary>
    protected abstract void ReadFile(string path);
}
