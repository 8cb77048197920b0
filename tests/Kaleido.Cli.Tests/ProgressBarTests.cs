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

/// <summary>Steps per second and the time left, from a clock the test moves.</summary>
public sealed class ProgressBarRateTests
{
    sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; }
        public override long GetTimestamp() => Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public void Advance(double seconds) => Ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void It_shows_steps_per_second_and_the_time_left_for_the_image_and_the_run()
    {
        var error = new StringWriter();
        var clock = new ManualClock();
        var bar = new ProgressBar(error, isTerminal: true, quiet: false, totalImages: 3, clock);
        bar.StartImage(1, "a-0000.png");

        clock.Advance(5); // 10 of 40 steps in 5 s: 2 it/s, 15 s left for this image, 2 × 20 s for the two after it
        bar.Report(new PipelineProgress(PipelineStage.Denoise, 0, 10, 40));

        Assert.EndsWith("[1/3] a-0000.png: step 10/40 [######------------------] 2.0 it/s, ETA 15s, run ETA 55s", error.ToString());
    }

    [Fact]
    public void The_last_image_has_no_run_eta()
    {
        var error = new StringWriter();
        var clock = new ManualClock();
        var bar = new ProgressBar(error, isTerminal: true, quiet: false, totalImages: 2, clock);
        bar.StartImage(2, "a-0001.png");

        clock.Advance(0.25);
        bar.Report(new PipelineProgress(PipelineStage.Denoise, 1, 1, 4));

        Assert.EndsWith("step 1/4 [######------------------] 4.0 it/s, ETA 1s", error.ToString());
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.2, "1s")]
    [InlineData(59, "59s")]
    [InlineData(185, "3m05s")]
    [InlineData(7620, "2h07m")]
    public void Durations_read_as_whole_units(double seconds, string text) => Assert.Equal(text, ProgressBar.Duration(seconds));
}
