using Kaleido.Runtime.Files;
using Kaleido.Runtime.Imaging;

namespace Kaleido.Runtime.Tests.Imaging;

public class AtomicFileTests
{
    [Fact]
    public void Write_Succeeding_LeavesOnlyTheTarget()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.bin");

        AtomicFile.Write(path, stream => stream.Write([1, 2, 3]));

        Assert.Equal(["data.bin"], folder.Names());
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_FailingHalfway_KeepsTheOldFileAndLeavesNoTemporary()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.bin");
        File.WriteAllBytes(path, [9, 9]);

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal(["data.bin"], folder.Names());
        Assert.Equal([9, 9], File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_WhileWriting_TheTargetDoesNotExistYet()
    {
        using var folder = new TempFolder();
        string path = folder.File("late.bin");

        AtomicFile.Write(path, stream =>
        {
            stream.Write([7]);
            Assert.False(File.Exists(path)); // readers never see a partial file under the target name
        });

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Write_IntoAMissingFolder_ThrowsNamingIt()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "no-such-folder", "x.bin");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, _ => { }));
        Assert.Contains("no-such-folder", exception.Message);
    }
}
