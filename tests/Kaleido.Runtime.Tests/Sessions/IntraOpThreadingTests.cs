using Kaleido.Runtime.Sessions;

namespace Kaleido.Runtime.Tests.Sessions;

/// <summary>The default thread choice (<see cref="IntraOpThreading"/>) and the idle-CPU reading it rests on (<see cref="IdleCores"/>).</summary>
public sealed class IntraOpThreadingTests
{
    [Theory]
    [InlineData(0, 2, 2, true)]   // a quiet 2-core machine: both cores, spinning
    [InlineData(0, 16, 16, true)]
    [InlineData(0, 1, 1, false)]  // one core busy elsewhere: one thread, nothing to spin
    [InlineData(0, 0, 1, false)]
    [InlineData(3, 0, 3, true)]   // --threads N is taken as given, spinning as ONNX Runtime's default
    [InlineData(1, 16, 1, true)]
    public void The_threads_follow_the_idle_cpus_unless_given(int requested, int idle, int threads, bool spinning)
    {
        bool asked = false;
        IntraOpThreading t = IntraOpThreading.For(requested, () => { asked = true; return idle; });
        Assert.Equal(new IntraOpThreading(threads, spinning), t);
        Assert.Equal(requested == 0, asked); // an explicit count never reads the machine
    }

    [Fact]
    public void Where_idle_cpus_cannot_be_read_onnx_runtime_chooses() =>
        Assert.Equal(new IntraOpThreading(0, Spinning: true), IntraOpThreading.For(0, () => null));

    [Theory]
    // Between the readings 200 ticks passed on 2 CPUs: 100 idle (+ iowait) ticks is one idle CPU.
    [InlineData("cpu  100 0 50 1000 10 0 0 0 0 0", "cpu  180 0 70 1090 20 0 0 0 0 0", 2, 1)]
    [InlineData("cpu  100 0 50 1000 10 0 0 0 0 0", "cpu  105 0 55 1185 15 0 0 0 0 0", 2, 2)]  // all but 10 of 200 idle
    [InlineData("cpu  100 0 50 1000 10 0 0 0 0 0", "cpu  290 0 60 1000 10 0 0 0 0 0", 2, 0)]  // none idle
    [InlineData("cpu  0 0 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0", "cpu  400 0 0 1200 0 0 0 0\ncpu0 1 1 1 1 1 1 1 1", 16, 12)]
    public void Idle_cpus_are_the_idle_share_of_the_aggregate_line(string before, string after, int processors, int idle) =>
        Assert.Equal(idle, IdleCores.Between(before, after, processors));

    [Fact]
    public void No_time_between_the_readings_is_no_answer() =>
        Assert.Null(IdleCores.Between("cpu  1 2 3 4 5 6 7 8", "cpu  1 2 3 4 5 6 7 8", 2));

    [Fact]
    public void A_text_without_the_aggregate_line_is_a_format_error() =>
        Assert.Throws<FormatException>(() => IdleCores.Between("cpu0 1 2 3 4 5", "cpu  1 2 3 4 5", 2));

    [Fact]
    public void This_machine_reports_between_none_and_all_of_its_cpus()
    {
        int? idle = IdleCores.Measure();
        Assert.NotNull(idle); // Linux: /proc/stat is there
        Assert.InRange(idle!.Value, 0, Environment.ProcessorCount);
    }
}
