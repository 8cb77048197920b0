using Kaleido.Runtime.Imaging;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// <c>kaleido-export toy</c>: trains the Fig. 3 toy models, samples them at each guidance scale and writes
/// the scatter plot and the per-mode share table. Wired into Program by the caller.
/// </summary>
public static class ToyCommand
{
    /// <summary>The verb.</summary>
    public const string Name = "toy";

    /// <summary>The scatter plot's file name in the output folder.</summary>
    public const string PlotFileName = "toy-fig3.png";

    /// <summary>The share table's file name in the output folder.</summary>
    public const string TableFileName = "toy-shares.md";

    /// <summary>Help text.</summary>
    public const string Usage =
        """
        usage: kaleido-export toy --out <folder> [options]

        Trains the paper's Fig. 3 toy (2-D, classes A and B, two sub-modes each) as a class-conditioned
        baseline and a latent-augmented model, samples both with DDPM at each guidance scale and writes
        toy-fig3.png (rows: baseline, latent-augmented; one panel per w) and toy-shares.md.

        options:
          --out <folder>            where to write the files (created if missing); required
          --seed <n>                seed of every random stream (default 1)
          --guidance <w,w,...>      guidance scales (default 1,2,4,7)
          --samples-per-class <n>   samples per class, model and w (default 1000)
          --sampling-steps <n>      DDPM steps, 1..1000 (default 250)
          --train-steps <n>         Adam steps per denoiser (default 3000)
          --threads <n>             libtorch threads (default 1: bit-for-bit reproducible)
          --help                    this text

        exit codes: 0 done, 2 bad arguments
        """;

    /// <summary>Runs the command; user mistakes print one line to <paramref name="error"/> and return 2.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ToyCommandOptions options;
        try
        {
            options = ToyCommandOptions.Parse(args);
        }
        catch (ToyUsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        if (options.ShowHelp)
        {
            output.WriteLine(Usage);
            return 0;
        }

        // 1. Train and sample.
        set_num_threads(options.Threads);
        var result = ToyExperiment.Run(options.Experiment, output);

        // 2. Write the plot and the table.
        Directory.CreateDirectory(options.OutputDirectory);
        string table = ToyShareTable.ToMarkdown(result);
        ToyScatterPlot.Write(result, Path.Combine(options.OutputDirectory, PlotFileName));
        AtomicFile.Write(Path.Combine(options.OutputDirectory, TableFileName), stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(table);
        });
        output.WriteLine(table);
        output.WriteLine($"wrote {PlotFileName} and {TableFileName} to {options.OutputDirectory}");
        return 0;
    }
}
