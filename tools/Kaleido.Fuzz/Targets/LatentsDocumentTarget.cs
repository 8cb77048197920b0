using System.Text;
using Kaleido.Runtime.Latents;

namespace Kaleido.Fuzz.Targets;

/// <summary>
/// <see cref="LatentsDocumentReader"/> on a .latents.json file's text (the input as UTF-8). An accepted
/// document must also be writable, and the written document must read back to the same prompt and latents.
/// </summary>
public sealed class LatentsDocumentTarget : FuzzTarget
{
    public const string TargetName = "latents-document";

    public override string Name => TargetName;

    public override Type DocumentedException => typeof(LatentsFormatException);

    protected override void Read(byte[] input)
    {
        LatentsDocument document = LatentsDocumentReader.Read(Encoding.UTF8.GetString(input));

        string written = LatentsDocumentWriter.Write(document);
        LatentsDocument again;
        try
        {
            again = LatentsDocumentReader.Read(written);
        }
        catch (LatentsFormatException e)
        {
            throw new FuzzFindingException($"{Name}: an accepted document, written back, does not read: {e.Message}", e);
        }
        if (again.Prompt != document.Prompt || !again.Latents.Equals(document.Latents))
            throw new FuzzFindingException($"{Name}: an accepted document changes when written and read back");
    }
}
