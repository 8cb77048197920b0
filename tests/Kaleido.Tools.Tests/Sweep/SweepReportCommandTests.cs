using Kaleido.Plots;
using Kaleido.Tools.Sweep;

namespace Kaleido.Tools.Tests.Sweep;

public sealed class SweepReportCommandTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("sweep-report").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Redraws_the_table_and_the_plot_from_results_json()
    {
        SweepResult result = SweepReportTests.HandMade();
        string json = Path.Combine(folder, "in.json");
        File.WriteAllText(json, SweepReport.ToJson(result));
        string @out = Path.Combine(folder, "out");

        var (code, _, error) = Run("sweep-report", "--results", json, "--out", @out);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(SweepReport.ToMarkdown(result), File.ReadAllText(Path.Combine(@out, "results.md")));
        Assert.Equal(SweepReport.ToJson(result), File.ReadAllText(Path.Combine(@out, "results.json")));
        Assert.Equal(FigureRenderer.ToPng(SweepPlot.Describe(result)), File.ReadAllBytes(Path.Combine(@out, "results.png")));
    }

    [Theory]
    [InlineData("missing.json", null, "does not exist")]
    [InlineData("bad.json", "{ not json", "is not a sweep's results.json")]
    [InlineData("empty.json", "{\"sampler\":\"ddim\",\"steps\":1,\"samplesPerCaption\":1,\"captions\":[],\"realImages\":1,\"cells\":[]}", "holds no cells")]
    public void A_results_file_that_is_not_a_sweep_is_named_and_nothing_is_written(string name, string? content, string expected)
    {
        string json = Path.Combine(folder, name);
        if (content is not null)
            File.WriteAllText(json, content);
        string @out = Path.Combine(folder, "out");

        var (code, _, error) = Run("sweep-report", "--results", json, "--out", @out);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--results", error);
        Assert.Contains(name, error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(@out));
    }
}
