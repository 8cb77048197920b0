namespace Kaleido.Export;

/// <summary>Entry point of <c>kaleido-export</c>: training, packaging and ONNX export commands.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: kaleido-export <command> [options]");
        return args.Length == 0 ? 2 : 2;
    }
}
