using System.Globalization;
using System.Text.Json;
using Kaleido.Runtime;
using Kaleido.Cli.Bench;
using Kaleido.Cli.Output;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Sessions;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido bench</c>: times a package's stages with <see cref="RuntimeBenchmark"/> and prints a table (median,
/// interquartile range, min–max) or one JSON object. Progress goes to stderr so stdout stays the result.
/// </summary>
sealed class BenchCommand(CommandContext context)
{
    public int Run(BenchOptions options)
    {
        var defaults = new RuntimeBenchmarkSettings();
        var settings = new RuntimeBenchmarkSettings
        {
            Repetitions = options.Repetitions ?? defaults.Repetitions,
            Steps = options.Steps ?? defaults.Steps,
            Sessions = new SessionSettings
            {
                Device = options.Device is null ? ExecutionDevice.Cpu : ExecutionDeviceNames.Parse(options.Device),
                IntraOpThreads = options.Threads ?? 0,
            },
        };
        if (settings.Repetitions < 1)
            throw new UserInputException($"--repetitions is {settings.Repetitions}; expected at least 1.");
        if (settings.Steps < 1)
            throw new UserInputException($"--steps is {settings.Steps}; expected at least 1.");
        settings.Validate();

        ModelPackage package = PackageFolder.Load(context, options.Model); // a missing or damaged package fails here, cheaply
        bool chatty = !options.Quiet && !options.Json;
        RuntimeBenchmarkResult result = RuntimeBenchmark.Run(package.Directory, settings,
            chatty ? stage => context.Error.WriteLine($"measuring {stage}…") : null);
        if (options.Json)
            context.Out.WriteLine(BenchJson.Write(result));
        else if (!options.Quiet)
            WriteTable(result);
        return ExitCodes.Ok;
    }

    void WriteTable(RuntimeBenchmarkResult r)
    {
        TextWriter o = context.Out;
        RuntimeBenchmarkSettings s = r.Settings;
        o.WriteLine($"Model {r.ModelId}: device {s.Sessions.Device.ToName()}, threads {r.Threading.Threads}{(r.Threading.Spinning ? " spinning" : "")}{(s.Sessions.IntraOpThreads == 0 ? " (chosen by the idle CPUs)" : "")}, " +
                    $"{s.Repetitions} repetitions after a warm-up, {s.Steps} steps, guidance {Number(s.Guidance)} ({r.DenoiserRows} rows per step).");
        o.WriteLine();
        o.WriteLine($"{"stage",-34} {"median",12} {"IQR",23} {"min–max",23}");
        o.WriteLine($"{"cold start, first open (ms)",-34} {Number(r.FirstOpenMilliseconds),12}");
        Row(o, "cold start, reopen (ms)", r.ReopenMilliseconds);
        Row(o, "  verify package (ms)", r.VerifyMilliseconds);
        Row(o, "  ORT sessions (ms)", r.SessionsMilliseconds);
        if (r.GenAiModelMilliseconds is { } genAi)
            Row(o, "  GenAI model (ms)", genAi);
        Row(o, "tokenizer + encoder (ms)", r.TokenizeEncodeMilliseconds);
        if (r.PriorTokensPerSecond is { } prior)
            Row(o, $"prior, GenAI (tokens/s, {Number(r.PriorTokensPerDraw ?? 0)}/draw)", prior);
        if (r.TeacherForcedMilliseconds is { } teacher)
            Row(o, "teacher-forced decoder (ms)", teacher);
        Row(o, "denoiser loop step (ms)", r.LoopStepMilliseconds);
        Row(o, "  inside the model call (ms)", r.ModelCallMilliseconds);
        Row(o, "  our own code (% of loop)", r.OwnCodeShare.Scaled(100));
        if (r.ImagesPerSecond is { } images)
            Row(o, "end to end (images/s)", images);
        else
            o.WriteLine($"{"end to end (images/s)",-34} {r.EndToEndNote}");
        o.WriteLine($"{"peak RSS, pipeline (MiB)",-34} {Mebibytes(r.PipelinePeakResidentBytes),12}");
        o.WriteLine($"{"peak RSS, whole bench (MiB)",-34} {Mebibytes(r.ProcessPeakResidentBytes),12}");
    }

    static void Row(TextWriter o, string name, TimingSummary t) =>
        o.WriteLine($"{name,-34} {Number(t.Median),12} {Number(t.Q1) + "–" + Number(t.Q3),23} {Number(t.Min) + "–" + Number(t.Max),23}");

    static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);

    static string Mebibytes(long? bytes) => bytes is { } b ? (b / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>The JSON form of a <see cref="RuntimeBenchmarkResult"/> (docs/benchmarks.md): one object, times in ms.</summary>
static class BenchJson
{
    public static string Write(RuntimeBenchmarkResult r) => JsonLine.Format(json => // one object on one line, as every --json output (docs/cli.md)
    {
        RuntimeBenchmarkSettings s = r.Settings;
        json.WriteString("modelId", r.ModelId);
        json.WriteString("device", s.Sessions.Device.ToName());
        json.WriteNumber("threads", s.Sessions.IntraOpThreads);
        json.WriteNumber("threadsUsed", r.Threading.Threads);
        json.WriteBoolean("spinning", r.Threading.Spinning);
        json.WriteNumber("repetitions", s.Repetitions);
        json.WriteNumber("steps", s.Steps);
        json.WriteNumber("guidance", s.Guidance);
        json.WriteNumber("denoiserRows", r.DenoiserRows);
        json.WriteNumber("coldStartFirstMs", r.FirstOpenMilliseconds);
        Summary(json, "coldStartReopenMs", r.ReopenMilliseconds);
        Summary(json, "coldStartVerifyMs", r.VerifyMilliseconds);
        Summary(json, "coldStartSessionsMs", r.SessionsMilliseconds);
        Summary(json, "coldStartGenAiModelMs", r.GenAiModelMilliseconds);
        Summary(json, "tokenizeEncodeMs", r.TokenizeEncodeMilliseconds);
        Summary(json, "priorTokensPerSecond", r.PriorTokensPerSecond);
        JsonLine.WriteNumberOrNull(json, "priorTokensPerDraw", r.PriorTokensPerDraw);
        Summary(json, "teacherForcedMs", r.TeacherForcedMilliseconds);
        Summary(json, "loopStepMs", r.LoopStepMilliseconds);
        Summary(json, "modelCallMs", r.ModelCallMilliseconds);
        Summary(json, "ownCodeShare", r.OwnCodeShare);
        Summary(json, "imagesPerSecond", r.ImagesPerSecond);
        JsonLine.WriteStringOrNull(json, "endToEndNote", r.EndToEndNote);
        JsonLine.WriteNumberOrNull(json, "pipelinePeakRssBytes", r.PipelinePeakResidentBytes);
        JsonLine.WriteNumberOrNull(json, "processPeakRssBytes", r.ProcessPeakResidentBytes);
    });

    static void Summary(Utf8JsonWriter json, string name, TimingSummary? t)
    {
        if (t is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteNumber("n", t.Count);
        json.WriteNumber("median", t.Median);
        json.WriteNumber("q1", t.Q1);
        json.WriteNumber("q3", t.Q3);
        json.WriteNumber("min", t.Min);
        json.WriteNumber("max", t.Max);
        json.WriteEndObject();
    }
}
