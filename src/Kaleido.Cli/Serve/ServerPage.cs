namespace Kaleido.Cli.Serve;

/// <summary>
/// The page at <c>GET /</c>: one static HTML file with its CSS and JavaScript inline (Serve/Page/index.html), embedded
/// in the assembly: no build step, no CDN, nothing on disk to deploy beside the executable.
/// </summary>
static class ServerPage
{
    const string ResourceName = "Kaleido.Cli.Serve.Page.index.html";

    public static byte[] Html { get; } = Load();

    static byte[] Load()
    {
        using Stream stream = typeof(ServerPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The page resource '{ResourceName}' is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
