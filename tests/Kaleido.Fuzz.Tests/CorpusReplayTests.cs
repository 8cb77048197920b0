namespace Kaleido.Fuzz.Tests;

/// <summary>
/// Every committed seed and crash regression, through the same target entry afl-fuzz runs (uninstrumented):
/// the reader accepts it or throws its documented exception with a clear message, as the file's name says.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Files() => new(Corpus.Files());

    [Theory]
    [MemberData(nameof(Files))]
    public void The_reader_gives_the_documented_outcome(string file)
    {
        string target = file[..file.IndexOf('/')];
        byte[] input = File.ReadAllBytes(Path.Combine(Corpus.Root, file));
        using var scratch = new ScratchFolder();

        // Anything undocumented, or an unclear rejection (FuzzFindingException), escapes Run and fails here.
        Exception? rejection = FuzzTargets.Create(target, scratch)!.Run(input);

        if (Corpus.MustBeAccepted(file))
            Assert.True(rejection is null, $"{file} was rejected: {rejection?.Message}");
        else if (Corpus.MustBeRejected(file))
            Assert.NotNull(rejection);
        else
            Assert.Fail($"{file}: a corpus file's name starts with valid-, bad- or crash- (tests/fuzz-corpus/README.md)");
    }

    [Fact]
    public void Every_target_has_accepted_and_rejected_seeds()
    {
        string[] files = Corpus.Files().ToArray();
        foreach (string target in FuzzTargets.Names)
        {
            // Without both, the replay could pass on a reader that accepts, or rejects, everything.
            Assert.Contains(files, f => f.StartsWith(target + "/", StringComparison.Ordinal) && Corpus.MustBeAccepted(f));
            Assert.Contains(files, f => f.StartsWith(target + "/", StringComparison.Ordinal) && Corpus.MustBeRejected(f));
        }
    }
}
