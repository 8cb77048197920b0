using Kaleido.Cli.Output;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Cli.Tests;

public sealed class ProgressBarTests
{
    [Fact]
    public void On_a_terminal_it_redraws_one_line_and_clears_it()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(error, isTerminal: true, quiet: false, totalImages: 3);
        bar.StartImage(2, "cat-0001.png");
        bar.Finish();

        const string line = "[2/3] cat-0001.png: starting";
        Assert.Equal("\r" + line + "\r" + new string(' ', line.Length) + "\r", error.ToString());
    }

    [Fact]
    public void Redirected_it_writes_whole_lines_without_carriage_returns()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(error, isTerminal: false, quiet: false, totalImages: 1);
        bar.StartImage(1, "a-0000.png");
        for (int step = 1; step <= 50; step++)
            bar.Report(new PipelineProgress(PipelineStage.Denoise, 0, step, 50));
        bar.Finish();

        Assert.DoesNotContain('\r', error.ToString());
        Assert.All(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries),
            line => Assert.StartsWith("kaleido: [1/1] a-0000.png: ", line));
    }

    [Fact]
    public void Quiet_writes_nothing()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(error, isTerminal: true, quiet: true, totalImages: 1);
        bar.StartImage(1, "a-0000.png");
        bar.Report(new PipelineProgress(PipelineStage.Denoise, 0, 1, 2));
        bar.Finish();
        Assert.Equal("", error.ToString());
    }
}
