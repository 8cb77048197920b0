using System.Diagnostics;
using System.Security.Cryptography;
using Kaleido.Cli.Output;
using Kaleido.Runtime;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido merge OUT [OUT…]</c>: the shards of one run (docs/batch.md) back into one folder that looks like the
/// unsharded run's. Everything is checked first (<see cref="MergeCheck"/>); an incomplete or inconsistent run writes
/// nothing and exits 1 naming each problem. A complete one gets, in the destination (--out, else the first OUT): a
/// copy of every file from the other folders, one <c>kaleido-manifest.jsonl</c> in plan order, the contact sheets
/// (<see cref="ContactSheetFiles"/>, as <c>generate</c> makes them unsharded) and <c>index.html</c>
/// (<see cref="MergeIndexPage"/>), each written whole (temporary file, fsync, rename). No model is loaded.
/// </summary>
sealed class MergeCommand(CommandContext context)
{
    /// <summary>At most this many problems are named; the rest are counted.</summary>
    const int ProblemsShown = 20;

    public int Run(MergeOptions options)
    {
        var clock = Stopwatch.StartNew();
        if (options.Folders.Count == 0)
            throw new UserInputException("merge needs at least one folder: kaleido merge OUT [OUT…] (the --out folder(s) the shards wrote).");
        var folders = new List<string>();
        foreach (string given in options.Folders)
        {
            string folder = context.Resolve(given);
            if (!Directory.Exists(folder))
                throw new UserInputException($"Folder '{folder}' (from OUT {given}) does not exist; expected a folder the shards wrote into.");
            if (!folders.Contains(folder)) folders.Add(folder);
        }
        string destinationGiven = options.Out ?? options.Folders[0];
        string destination = context.Resolve(destinationGiven);
        OutputFolder target = OutputFolder.Open(destination, destinationGiven, overwrite: false, context.FileSystem);

        var manifests = folders.SelectMany(ShardManifestFile.ReadAll).ToList();
        MergeCheck check = MergeCheck.Of(manifests, folders, destination);
        if (check.Problems.Count > 0)
            throw new IncompleteMergeException(Describe(check.Problems, folders));

        int copied = CopyIntoPlace(check.Files, target);
        target.WriteDerived(OutputManifest.FileName, [.. check.Files.SelectMany(f => f.Entry.ToLine())]);
        // The sheets are made from the merged manifest, exactly as an unsharded run makes them from its own.
        ContactSheetFiles.Rebuild(OutputFolder.Open(destination, destinationGiven, overwrite: false, context.FileSystem));
        var figures = MergeIndexPage.Read(destination, check.Files.GroupBy(f => f.Unit));
        target.WriteDerived(MergeIndexPage.FileName, ImageFiles.Utf8(MergeIndexPage.Write(figures, $"kaleido merge: {Path.GetFileName(destination)}")));

        Summarise(options, destination, check, copied, clock.Elapsed);
        return ExitCodes.Ok;
    }

    /// <summary>Copies each file not yet in the destination there, checking its bytes again as they are read.</summary>
    static int CopyIntoPlace(IReadOnlyList<ListedFile> files, OutputFolder target)
    {
        int copied = 0;
        foreach (ListedFile file in files.Where(f => f.Manifest.Folder != target.FullPath))
        {
            if (File.Exists(target.PathOf(file.Entry.File))) continue; // the check found its very bytes there
            byte[] bytes = File.ReadAllBytes(file.Path);
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != file.Entry.Sha256)
                throw new IncompleteMergeException($"'{file.Path}' changed while the merge was copying it; merge again.");
            target.WriteDerived(file.Entry.File, bytes);
            copied++;
        }
        return copied;
    }

    static string Describe(IReadOnlyList<string> problems, IReadOnlyList<string> folders)
    {
        string where = folders.Count == 1 ? $"'{folders[0]}'" : $"{folders.Count} folders";
        string head = $"The run in {where} is incomplete or inconsistent, so nothing was written; {problems.Count} problem(s):";
        IEnumerable<string> lines = problems.Take(ProblemsShown).Select(p => "  - " + p);
        string tail = problems.Count > ProblemsShown ? $"\n  … and {problems.Count - ProblemsShown} more." : "";
        return head + "\n" + string.Join("\n", lines) + tail;
    }

    void Summarise(MergeOptions options, string destination, MergeCheck check, int copied, TimeSpan elapsed)
    {
        bool hasSheet = File.Exists(Path.Combine(destination, ContactSheetFiles.ImageName));
        if (options.Json)
            JsonLine.Write(context.Out, json =>
            {
                json.WriteString("type", "merge");
                json.WriteString("out", destination);
                json.WriteNumber("units", check.Units);
                json.WriteNumber("files", check.Files.Count);
                json.WriteNumber("copied", copied);
                json.WriteString("manifest", Path.Combine(destination, OutputManifest.FileName));
                JsonLine.WriteStringOrNull(json, "contactSheet", hasSheet ? Path.Combine(destination, ContactSheetFiles.ImageName) : null);
                JsonLine.WriteStringOrNull(json, "contactSheetText", hasSheet ? Path.Combine(destination, ContactSheetFiles.TextName) : null);
                json.WriteString("index", Path.Combine(destination, MergeIndexPage.FileName));
                json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            });
        else if (!options.Quiet)
            context.Out.WriteLine(
                $"Merged {check.Units} unit(s), {check.Files.Count} file(s){(copied > 0 ? $" ({copied} copied in)" : "")}: wrote " +
                $"{OutputManifest.FileName}{(hasSheet ? $", {ContactSheetFiles.ImageName}, {ContactSheetFiles.TextName}" : "")} and " +
                $"{MergeIndexPage.FileName} to {destination} in {elapsed.TotalSeconds:0.0} s.");
    }
}
