using Xunit.Abstractions;
using Xunit.Sdk;

namespace Kaleido.Tests.Shared;

/// <summary>
/// Prints lines into the test run's own console log, which CI keeps. ITestOutputHelper text is shown only for
/// failing tests, so a figure a test must always print goes here too: as an xunit diagnostic message, which the
/// runner prints because the project's xunit.runner.json turns diagnosticMessages on.
/// Use as a class fixture: xunit hands it the message sink.
/// </summary>
public sealed class RunLog(IMessageSink sink)
{
    public void WriteLine(string line) => sink.OnMessage(new DiagnosticMessage(line));
}
