using Kaleido.Tools.Sweep;

namespace Kaleido.Tools.Tests.Sweep;

public sealed class StepsStudyTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("steps-study").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static SweepResult Sweep(string sampler, int steps, double fidAt1, double fidAt7, string model = "kaleido-shapes", int samplesPerCaption = 20,
        int guidanceCutoff = 0) =>
        new(sampler, steps, samplesPerCaption, ["a red circle", "a blue square"], 2000,
        [
            new SweepCell(model, 1, fidAt1, 0.9, 0.5, 0.9, 40, 0, 40 * steps * 0.01),
            new SweepCell(model, 7, fidAt7, 0.6, 0.6, 0.9, 40, 0, 40 * steps * 0.01, FidLow: fidAt7 - 1, FidHigh: fidAt7 + 1.5),
        ])
        { GuidanceCutoff = guidanceCutoff };

    [Fact]
    public void The_choice_is_the_fewest_steps_within_five_percent_of_ddpm_at_the_highest_guidance()
    {
        // Reference FID at w = 7 is 20: 21 (+5 %) counts, 21.2 (+6 %) does not; 10 steps fails, 15 steps passes for unipc only.
        StepsStudy study = StepsStudy.From(
        [
            Sweep("ddpm", 250, 10, 20),
            Sweep("ddim", 10, 10, 30), Sweep("ddim", 15, 10, 21.2), Sweep("ddim", 25, 10, 20.5),
            Sweep("unipc", 10, 9, 25), Sweep("unipc", 15, 30, 21), Sweep("unipc", 25, 10, 19),
        ]);

        StepsStudy.Row? choice = study.Choice();
        Assert.NotNull(choice);
        Assert.Equal(("unipc", 15, 7f), (choice.Sampler, choice.Steps, choice.Guidance));
        Assert.Equal(250, study.ReferenceSteps);
        Assert.Equal(0.05, study.RelativeFid(choice), 12);
        // Guidance 1 does not take part: unipc 10 is better than the reference there, but fails at w = 7.
        Assert.Equal(14, study.Rows.Count);
        Assert.Equal(["ddpm", "ddim", "ddim", "ddim", "unipc", "unipc", "unipc"], study.Rows.Where(r => r.Guidance == 7).Select(r => r.Sampler));

        string md = study.ToMarkdown();
        Assert.Contains("| 7 | unipc | 15 | 0 | 30 | 21.00 | ± 1.25 | +5.0% |", md);
        Assert.Contains("| 7 | ddim | 15 | 0 | 30 | 21.20 | ± 1.25 | +6.0% |", md);
        Assert.Contains("| 1 | ddim | 15 | 0 | 15 | 10.00 | not measured | 0.0% |", md); // results written before the interval existed
        Assert.Contains("**unipc, 15 steps**", md);
        Assert.Contains("16.7× fewer denoiser evaluations", md);
    }

    [Fact]
    public void Ddpm_at_fewer_steps_is_a_candidate_and_a_line_of_its_own()
    {
        StepsStudy study = StepsStudy.From([Sweep("ddpm", 250, 10, 20), Sweep("ddpm", 25, 10, 20.8), Sweep("ddpm", 50, 10, 20.2), Sweep("ddim", 50, 10, 26)]);

        Assert.Equal(("ddpm", 25), (study.Choice()!.Sampler, study.Choice()!.Steps));
        var w7 = study.Describe().Panels[1];
        Assert.Equal(["ddim", "ddpm", "ddpm 250 (reference)", "reference + 5%"], w7.Series.Select(s => s.Label));
        Assert.Equal([25.0, 50.0], w7.Series[1].X);
    }

    [Fact]
    public void A_guidance_cutoff_is_a_setting_of_its_own_and_the_choice_counts_its_unguided_steps_once()
    {
        // DDIM 20 ends at t = 95, 48: a cutoff of 110 leaves 18 guided steps and 2 unguided, 38 evaluations, against
        // DDIM 20's 40 and DDPM 250's 500. DDIM 25 with a cutoff of 1000 is unguided throughout: 25 evaluations, but too far off.
        StepsStudy study = StepsStudy.From(
        [
            Sweep("ddpm", 250, 10, 20), Sweep("ddim", 20, 10, 90), Sweep("ddim", 20, 10, 20.5, guidanceCutoff: 110),
            Sweep("ddim", 25, 10, 40, guidanceCutoff: 1000), Sweep("ddpm", 250, 10, 19, guidanceCutoff: 110),
        ]);

        StepsStudy.Row choice = study.Choice()!;
        Assert.Equal(("ddim", 20, 110, 38), (choice.Sampler, choice.Steps, choice.GuidanceCutoff, choice.Evaluations));
        Assert.Equal(20, study.ReferenceFid(7)); // DDPM 250 with a cutoff is a candidate, not the reference
        string md = study.ToMarkdown();
        Assert.Contains("| 7 | ddim | 20 | 110 | 38 | 20.50 |", md);
        Assert.Contains("| 1 | ddim | 20 | 110 | 20 | 10.00 |", md); // w = 1 guides no step, whatever the cutoff
        Assert.Contains("**ddim, t ≥ 110 guided, 20 steps**", md);
        Assert.Contains("13.2× fewer denoiser evaluations", md);
        Assert.Contains("ddim, t ≥ 110 guided", study.Describe().Panels[1].Series.Select(s => s.Label));
        Assert.Throws<ToolInputException>(() => StepsStudy.From([Sweep("ddpm", 250, 10, 20), Sweep("ddim", 20, 10, 20.5, guidanceCutoff: 110),
            Sweep("ddim", 20, 10, 20.6, guidanceCutoff: 110)]));
    }

    [Fact]
    public void No_setting_within_the_tolerance_is_said_plainly()
    {
        StepsStudy study = StepsStudy.From([Sweep("ddpm", 250, 10, 20), Sweep("ddim", 20, 10, 25)]);
        Assert.Null(study.Choice());
        Assert.Contains("No measured setting comes within 5% of the reference's FID at guidance 7.", study.ToMarkdown());
    }

    [Fact]
    public void The_figure_has_one_panel_per_guidance_with_a_line_per_sampler_and_the_reference()
    {
        StepsStudy study = StepsStudy.From([Sweep("ddpm", 250, 10, 20), Sweep("ddim", 10, 12, 30), Sweep("ddim", 20, 11, 22), Sweep("dpm++2m", 10, 13, 24)]);
        var figure = study.Describe();

        Assert.Equal(2, figure.Panels.Count);
        var w7 = figure.Panels[1];
        Assert.Equal(["ddim", "dpm++2m", "ddpm 250 (reference)", "reference + 5%"], w7.Series.Select(s => s.Label));
        Assert.Equal([10.0, 20], w7.Series[0].X);
        Assert.Equal([30.0, 22], w7.Series[0].Y);
        Assert.Equal([20.0, 20], w7.Series[2].Y);
        Assert.Equal(21, w7.Series[3].Y[0], 12);
    }

    [Theory]
    [InlineData("no-ddpm", "no 'ddpm' sweep")]
    [InlineData("twice", "ddim 10 steps is given twice")]
    [InlineData("other-model", "measures baseline-shapes, not kaleido-shapes")]
    [InlineData("other-samples", "other captions, samples per caption or real images")]
    public void Sweeps_that_do_not_belong_together_are_refused(string problem, string expected)
    {
        SweepResult[] sweeps = problem switch
        {
            "no-ddpm" => [Sweep("ddim", 10, 1, 2)],
            "twice" => [Sweep("ddpm", 250, 1, 2), Sweep("ddim", 10, 1, 2), Sweep("ddim", 10, 1, 3)],
            "other-model" => [Sweep("ddpm", 250, 1, 2), Sweep("ddim", 10, 1, 2, model: "baseline-shapes")],
            _ => [Sweep("ddpm", 250, 1, 2), Sweep("ddim", 10, 1, 2, samplesPerCaption: 10)],
        };
        var e = Assert.Throws<ToolInputException>(() => StepsStudy.From(sweeps));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_verb_reads_the_sweeps_and_writes_the_table_and_the_plot()
    {
        string[] files = new[] { Sweep("ddpm", 250, 10, 20), Sweep("unipc", 15, 10, 20.5) }.Select((sweep, i) =>
        {
            string path = Path.Combine(folder, $"{i}.json");
            File.WriteAllText(path, SweepReport.ToJson(sweep));
            return path;
        }).ToArray();
        string @out = Path.Combine(folder, "out");
        var error = new StringWriter();

        int code = Program.Run(["steps-report", "--results", files[0], files[1], "--out", @out], TextWriter.Null, error);

        Assert.True(code == ExitCodes.Ok, error.ToString());
        Assert.Contains("**unipc, 15 steps**", File.ReadAllText(Path.Combine(@out, "steps.md")));
        Assert.True(new FileInfo(Path.Combine(@out, "steps.png")).Length > 1000);

        Assert.Equal(ExitCodes.BadInput, Program.Run(["steps-report", "--results", Path.Combine(folder, "none.json"), "--out", @out], TextWriter.Null, error));
        Assert.Contains("none.json does not exist", error.ToString());
    }
}
