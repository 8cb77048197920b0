using System.Text.RegularExpressions;

namespace Kaleido.Cli.Tests;

public sealed class DocsTests
{
    static string CliDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "docs", "cli.md");
            if (File.Exists(candidate)) return File.ReadAllText(candidate);
        }
        throw new FileNotFoundException("docs/cli.md not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Cli_doc_has_a_row_for_every_exit_code()
    {
        string doc = CliDoc();
        foreach (int code in HelpTests.ExitCodeValues())
            Assert.Matches(new Regex($@"(?m)^\| {code} \|"), doc);
    }
}
