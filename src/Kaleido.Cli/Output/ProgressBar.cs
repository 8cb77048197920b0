using System.Globalization;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Cli.Output;

/// <summary>
/// Progress of a run on stderr. On a terminal: one line redrawn with '\r' (image n of N, its file, the
/// denoising step, a bar, steps per second and the time left for the image and the run, as sd.cpp and diffusers
/// users expect). When stderr is redirected (a log file, CI): a plain line at most every
/// <see cref="PlainInterval"/>, so a log gets a heartbeat instead of carriage-return animation.
/// Silent under --quiet. Results never go here: they go to stdout.
/// </summary>
/// <param name="time">The clock (tests pass their own).</param>
sealed class ProgressBar(TextWriter error, bool isTerminal, bool quiet, int totalImages, TimeProvider? time = null)
{
    /// <summary>Long enough to keep logs short, short enough to show a run is alive.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Redraws faster than this are not seen.</summary>
    static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(50);

    const int BarWidth = 24;
    readonly TimeProvider _time = time ?? TimeProvider.System;
    long _lastDraw;
    long _imageStart;
    bool _started;
    int _imageNumber;
    string _name = "";
    int _lastLineLength;
    bool _drawn;

    /// <summary>Image <paramref name="imageNumber"/> (1-based) of the run starts; it will be written as <paramref name="name"/>.</summary>
    public void StartImage(int imageNumber, string name)
    {
        (_imageNumber, _name) = (imageNumber, name);
        _imageStart = _time.GetTimestamp();
        Draw("starting", force: isTerminal);
    }

    /// <summary>What <see cref="KaleidoPipeline"/> reports for the current image.</summary>
    public void Report(PipelineProgress progress)
    {
        string what = progress.Stage == PipelineStage.Denoise
            ? $"step {progress.Step}/{progress.Steps} {Bar(progress.Step, progress.Steps)}{Rate(progress.Step, progress.Steps)}"
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
        long now = _time.GetTimestamp();
        if (!_started) (_lastDraw, _started) = (now, true); // a redirected log's first line comes one interval in
        if (!force && _time.GetElapsedTime(_lastDraw, now) < interval) return;
        _lastDraw = now;
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

    /// <summary>
    /// Steps per second of this image (from its start, so the encoders and the prior count too: what the user waits
    /// for), the time left for it, and for the run when more images follow, each as if the rest went at this rate.
    /// </summary>
    string Rate(int step, int steps)
    {
        TimeSpan elapsed = _time.GetElapsedTime(_imageStart);
        if (step <= 0 || elapsed <= TimeSpan.Zero) return "";
        double perStep = elapsed.TotalSeconds / step;
        double imageLeft = (steps - step) * perStep;
        string text = $" {(1 / perStep).ToString("0.0", CultureInfo.InvariantCulture)} it/s, ETA {Duration(imageLeft)}";
        int imagesAfter = totalImages - _imageNumber;
        return imagesAfter > 0 ? text + $", run ETA {Duration(imageLeft + imagesAfter * steps * perStep)}" : text;
    }

    /// <summary>Whole seconds: <c>42s</c>, <c>3m05s</c>, <c>2h07m</c>.</summary>
    public static string Duration(double seconds)
    {
        long s = (long)Math.Ceiling(Math.Max(seconds, 0));
        return s < 60 ? $"{s}s" : s < 3600 ? $"{s / 60}m{s % 60:00}s" : $"{s / 3600}h{s / 60 % 60:00}m";
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
