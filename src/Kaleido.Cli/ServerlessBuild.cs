namespace Kaleido.Cli;

/// <summary>
/// The release builds (Native AOT and trimmed, build/ReleaseBuilds.props, docs/build.md) leave <c>kaleido serve</c> and
/// ASP.NET Core out to stay small; asking them to serve says so, instead of "unknown verb".
/// </summary>
static class ServerlessBuild
{
    public const string ServeVerb = "serve";

    public const string Message =
        "'serve' is not in this build: the release builds leave the HTTP server out to stay small (docs/build.md). " +
        "Run 'kaleido serve' from the standard build (dotnet publish src/Kaleido.Cli -c Release).";
}
