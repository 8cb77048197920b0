using System.Diagnostics;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Cli.Output;

/// <summary>
/// Progress of a run on stderr. On a terminal: one line redrawn with '\r' (image n of N, its file, the
/// denoising step and a bar). When stderr is redirected (a log file, CI): a plain line at most every
/// <see cref="PlainInterval"/>, so a log gets a heartbeat instead of carriage-return animation.
/// Silent under --quiet. Results never go here: they go to stdout.
/// </summary>
sealed class ProgressBar(TextWriter error, bool isTerminal, bool quiet, int totalImages)
{
    /// <summary>Long enough to keep logs short, short enough to show a run is alive.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Redraws faster than this are not seen.</summary>
    static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(50);

    const int BarWidth = 24;
    readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    int _imageNumber;
    string _name = "";
    int _lastLineLength;
    bool _drawn;

    /// <summary>Image <paramref name="imageNumber"/> (1-based) of the run starts; it will be written as <paramref name="name"/>.</summary>
    public void StartImage(int imageNumber, string name)
    {
        (_imageNumber, _name) = (imageNumber, name);
        Draw("starting", force: isTerminal);
    }

    /// <summary>What <see cref="KaleidoPipeline"/> reports for the current image.</summary>
    public void Report(PipelineProgress progress)
    {
        string what = progress.Stage == PipelineStage.Denoise
            ? $"step {progress.Step}/{progress.Steps} {Bar(progress.Step, progress.Steps)}"
            : Describe(progress.Stage);
        Draw(what, force: false);
    }

    /// <summary>Clears the animated line so the next output starts on a clean line.</summary>
    public void Finish()
    {
        if (quiet || !isTerminal || !_drawn) return;
        error.Write('\r' + new string(' ', _lastLineLength) + '\r');
        error.Flush();
    }

    void Draw(string what, bool force)
    {
        if (quiet) return;
        TimeSpan interval = isTerminal ? TerminalInterval : PlainInterval;
        if (!force && _sinceLast.Elapsed < interval) return;
        _sinceLast.Restart();
        string line = $"[{_imageNumber}/{totalImages}] {_name}: {what}";
        if (isTerminal)
        {
            error.Write('\r' + line.PadRight(_lastLineLength));
            _lastLineLength = line.Length;
            _drawn = true;
        }
        else
        {
            error.WriteLine("kaleido: " + line);
        }
        error.Flush();
    }

    static string Bar(int done, int total)
    {
        int filled = total == 0 ? 0 : done * BarWidth / total;
        return "[" + new string('#', filled) + new string('-', BarWidth - filled) + "]";
    }

    static string Describe(PipelineStage stage) => stage switch
    {
        PipelineStage.Tokenize => "tokenizing the prompt",
        PipelineStage.Encode => "encoding the prompt",
        PipelineStage.SampleLatents => "sampling latents",
        PipelineStage.TeacherForce => "reading the latents",
        PipelineStage.Condition => "conditioning",
        PipelineStage.Image => "finishing the image",
        _ => stage.ToString(),
    };
}
