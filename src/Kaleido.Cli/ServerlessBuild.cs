namespace Kaleido.Cli;

/// <summary>
/// The Native AOT executable (<c>-p:KaleidoAot=true</c>, docs/build.md) leaves <c>kaleido serve</c> and ASP.NET Core
/// out to stay small; asking it to serve says so, instead of "unknown verb".
/// </summary>
static class ServerlessBuild
{
    public const string ServeVerb = "serve";

    public const string Message =
        "'serve' is not in this build: the Native AOT executable leaves the HTTP server out to stay small (docs/build.md). " +
        "Run 'kaleido serve' from the standard build (dotnet publish src/Kaleido.Cli -c Release).";
}
