using System.Text.Json;
using Kaleido.Cli.Bench;

namespace Kaleido.Cli.Tests;

/// <summary>
/// <c>kaleido bench</c> on the tiny fixture with one repetition and two steps: the verb runs, reports every stage, and
/// its numbers are consistent with each other. No timing is asserted (the machine is shared).
/// </summary>
public sealed class BenchCommandTests
{
    static void AssertSummary(JsonElement summary, int count)
    {
        Assert.Equal(count, summary.GetProperty("n").GetInt32());
        double min = summary.GetProperty("min").GetDouble(), max = summary.GetProperty("max").GetDouble();
        double median = summary.GetProperty("median").GetDouble();
        double q1 = summary.GetProperty("q1").GetDouble(), q3 = summary.GetProperty("q3").GetDouble();
        Assert.True(min <= q1 && q1 <= median && median <= q3 && q3 <= max, $"min {min} q1 {q1} median {median} q3 {q3} max {max}");
        Assert.True(min >= 0 && double.IsFinite(max), $"min {min} max {max}");
    }

    [Fact]
    public void Json_reports_every_stage_with_consistent_summaries()
    {
        var result = CliRunner.Run("bench", "--model", Fixtures.TinyKaleido, "--repetitions", "1", "--steps", "2", "--threads", "1", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error); // progress lines are not written with --json
        using var json = JsonDocument.Parse(result.Out);
        JsonElement r = json.RootElement;
        Assert.Equal("tiny-kaleido", r.GetProperty("modelId").GetString());
        Assert.Equal("cpu", r.GetProperty("device").GetString());
        Assert.Equal(1, r.GetProperty("threads").GetInt32());
        Assert.Equal(2, r.GetProperty("steps").GetInt32());
        Assert.Equal(2, r.GetProperty("denoiserRows").GetInt32());
        Assert.True(r.GetProperty("coldStartFirstMs").GetDouble() > 0);
        foreach (string name in new[] { "coldStartReopenMs", "coldStartVerifyMs", "coldStartSessionsMs", "coldStartGenAiModelMs",
                     "tokenizeEncodeMs", "priorTokensPerSecond", "teacherForcedMs", "loopStepMs", "ownCodeShare", "imagesPerSecond" })
            AssertSummary(r.GetProperty(name), count: 1);
        AssertSummary(r.GetProperty("modelCallMs"), count: 2); // one per step
        Assert.Equal(JsonValueKind.Null, r.GetProperty("endToEndNote").ValueKind);

        // The share is (loop − model) / loop, so it lies in [0, 1]; the model call cannot outlast its loop step.
        double share = r.GetProperty("ownCodeShare").GetProperty("median").GetDouble();
        Assert.InRange(share, 0, 1);
        Assert.True(r.GetProperty("modelCallMs").GetProperty("min").GetDouble() <= r.GetProperty("loopStepMs").GetProperty("max").GetDouble());

        // The fixture's prior takes at most 62 latent tokens plus eos.
        Assert.InRange(r.GetProperty("priorTokensPerDraw").GetDouble(), 1, 63);

        long pipelinePeak = r.GetProperty("pipelinePeakRssBytes").GetInt64();
        Assert.True(pipelinePeak > 1 << 20, $"pipeline peak {pipelinePeak} bytes");
        Assert.True(r.GetProperty("processPeakRssBytes").GetInt64() >= pipelinePeak); // a high-water mark never falls
    }

    [Fact]
    public void Table_names_every_stage()
    {
        var result = CliRunner.Run("bench", "--model", Fixtures.TinyKaleido, "--repetitions", "1", "--steps", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (string stage in new[] { "cold start, first open", "verify package", "ORT sessions", "GenAI model", "tokenizer + encoder",
                     "prior, GenAI (tokens/s", "teacher-forced decoder", "denoiser loop step", "inside the model call", "our own code",
                     "end to end (images/s)", "peak RSS" })
            Assert.Contains(stage, result.Out);
        Assert.Contains("measuring denoising loop", result.Error);
    }

    [Theory]
    [InlineData("--repetitions", "0", "--repetitions is 0")]
    [InlineData("--steps", "0", "--steps is 0")]
    [InlineData("--threads", "-1", "--threads is -1")]
    [InlineData("--device", "tpu", "Device 'tpu' is not known")]
    public void Bad_values_are_user_errors_without_a_trace(string option, string value, string message)
    {
        var result = CliRunner.Run("bench", "--model", Fixtures.TinyKaleido, option, value);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(CliRunner.HasStackTrace(result.Error), result.Error);
    }

    [Fact]
    public void A_missing_package_is_a_package_error()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("bench", "--model", folder["nowhere"], "--repetitions", "1");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }
}

/// <summary>The statistics the bench reports, against values worked out by hand.</summary>
public sealed class BenchTimingSummaryTests
{
    [Fact]
    public void Quartiles_interpolate_between_order_statistics()
    {
        // Sorted 1, 2, 3, 4: median at position 1.5 → 2.5; Q1 at 0.75 → 1.75; Q3 at 2.25 → 3.25.
        var s = TimingSummary.Of([4.0, 1.0, 3.0, 2.0]);

        Assert.Equal(new TimingSummary(4, 2.5, 1, 4, 1.75, 3.25), s);
    }

    [Fact]
    public void An_odd_count_has_its_middle_value_as_median()
    {
        var s = TimingSummary.Of([10.0, 30.0, 20.0, 50.0, 40.0]);

        Assert.Equal(30, s.Median);
        Assert.Equal(20, s.Q1);
        Assert.Equal(40, s.Q3);
    }

    [Fact]
    public void Inverting_turns_milliseconds_into_rates_with_min_and_max_swapped()
    {
        var s = TimingSummary.Of([2.0, 4.0, 5.0]).Inverted(1000);

        Assert.Equal(250, s.Median);
        Assert.Equal(200, s.Min);
        Assert.Equal(500, s.Max);
        Assert.Equal(1000 / 4.5, s.Q1, 12);
        Assert.Equal(1000 / 3.0, s.Q3, 12);
    }

    [Fact]
    public void No_measurements_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => TimingSummary.Of(Array.Empty<double>()));
        Assert.Throws<ArgumentException>(() => TimingSummary.Of([1.0, double.NaN]));
    }

    [Fact]
    public void Peak_memory_is_read_from_proc_and_is_at_least_the_current_size()
    {
        long? peak = ProcessMemory.PeakResidentBytes();
        long? now = ProcessMemory.ResidentBytes();

        Assert.NotNull(peak);
        Assert.NotNull(now);
        Assert.True(peak >= now - (1 << 20), $"peak {peak} vs now {now}"); // read a moment apart; the current size may grow by a little
        Assert.True(now > 10 << 20, $"a .NET test host holds more than 10 MiB; got {now}");
    }
}
