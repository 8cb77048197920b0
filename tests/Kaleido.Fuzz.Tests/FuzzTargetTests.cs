namespace Kaleido.Fuzz.Tests;

/// <summary>What the harness counts as a crash: it must see each kind, or the fuzzing finds nothing.</summary>
public sealed class FuzzTargetTests
{
    sealed class Throwing(Exception e, IReadOnlyList<string>? names = null) : FuzzTarget
    {
        public override string Name => "throwing";
        public override Type DocumentedException => typeof(FormatException);
        public override IReadOnlyList<string>? InputNames => names;
        protected override void Read(byte[] input) => throw e;
    }

    [Fact]
    public void A_documented_exception_with_a_clear_message_is_a_rejection()
    {
        var documented = new FormatException("in.txt: expected a digit");
        Assert.Same(documented, new Throwing(documented, ["in.txt"]).Run([]));
    }

    [Fact]
    public void An_undocumented_exception_escapes()
    {
        Assert.Throws<IndexOutOfRangeException>(() => new Throwing(new IndexOutOfRangeException()).Run([]));
    }

    [Fact]
    public void A_documented_exception_with_an_empty_message_is_a_finding()
    {
        Assert.Throws<FuzzFindingException>(() => new Throwing(new FormatException(" ")).Run([]));
    }

    [Fact]
    public void A_documented_exception_that_names_no_input_is_a_finding()
    {
        var e = Assert.Throws<FuzzFindingException>(() => new Throwing(new FormatException("expected a digit"), ["in.txt"]).Run([]));
        Assert.Contains("'in.txt'", e.Message, StringComparison.Ordinal);
    }
}
