using Kaleido.Runtime.Files;
using Kaleido.Export.CommandLine;
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

    /// <summary>The first line of the help, above System.CommandLine's description and options.</summary>
    public const string Synopsis = "usage: kaleido-export toy --out <folder> [options]";

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
            ExportCommandLine.WriteHelp(ToyCommandOptions.Command, Synopsis, output);
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
