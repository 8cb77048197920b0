using System.Collections.Concurrent;

namespace Kaleido.Cli.Serve;

/// <summary>
/// The PNGs of <c>response_format: url</c>, held in memory under an unguessable name and served at <c>/files/NAME</c>.
/// Bounded: past <c>--files</c> images the oldest is dropped, so memory stays flat under any load; the server writes
/// nothing to disk.
/// </summary>
sealed class ImageStore(int capacity)
{
    readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> _order = new();

    /// <summary>Keeps <paramref name="png"/>; returns its file name.</summary>
    public string Add(byte[] png)
    {
        string name = Guid.NewGuid().ToString("N") + ".png";
        _files[name] = png;
        _order.Enqueue(name);
        while (_order.Count > capacity && _order.TryDequeue(out string? oldest))
            _files.TryRemove(oldest, out _);
        return name;
    }

    public byte[]? Get(string name) => _files.TryGetValue(name, out byte[]? png) ? png : null;
}
