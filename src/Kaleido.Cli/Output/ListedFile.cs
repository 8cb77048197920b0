namespace Kaleido.Cli.Output;

/// <summary>A file as one manifest lists it: the entry, and the manifest (so the folder the file is in).</summary>
sealed record ListedFile(ManifestEntry Entry, ShardManifestFile Manifest)
{
    public string Path => System.IO.Path.Combine(Manifest.Folder, Entry.File);

    /// <summary>The unit number; only asked of files whose entry has one.</summary>
    public int Unit => Entry.Position!.Unit;

    /// <summary>A unit's latents file comes before its PNG, the order <c>generate</c> lists them in.</summary>
    public int KindOrder => Entry.Kind == ManifestEntry.LatentsKind ? 0 : 1;
}
