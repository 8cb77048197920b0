using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaleido.Runtime;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Sessions;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido info</c>: verifies a model package and prints what it holds. Cheap: it reads the
/// manifest and hashes the files, and never creates an inference session. Given a PNG, it describes the image instead
/// (<see cref="ImageInfoCommand"/>).
/// </summary>
sealed class InfoCommand(CommandContext context)
{
    public int Run(InfoOptions options)
    {
        if (options.Image is { } image)
        {
            if (options.Model is not null)
                throw new UserInputException($"Both IMAGE.png ('{image}') and --model given; expected one of them.");
            return new ImageInfoCommand(context).Run(image, options);
        }
        ModelPackage package = PackageFolder.Load(context, options.Model);
        PackageDeepCheck.Result? deep = options.Deep ? PackageDeepCheck.Run(package, new SessionSettings()) : null;
        if (options.Json)
            WriteJson(package, deep);
        else if (!options.Quiet)
            WriteText(package, deep);
        return ExitCodes.Ok;
    }

    void WriteText(ModelPackage package, PackageDeepCheck.Result? deep)
    {
        PackageManifest m = package.Manifest;
        ConditioningSpec c = m.Conditioning;
        SpecialTokens t = m.Tokens;
        TextWriter o = context.Out;
        string conditioning = m.Kind == ModelKind.Kaleido
            ? $"{c.Length} tokens = {c.MaxCaptionTokens} caption + 1 start + {c.MaxLatentTokens} latent, width {c.Width}"
            : $"{c.Length} caption tokens, width {c.Width}";

        o.WriteLine($"Package:       {package.Directory}");
        o.WriteLine($"Model id:      {m.ModelId}");
        o.WriteLine($"Kind:          {Name(m.Kind)}");
        o.WriteLine($"Latent kind:   {m.LatentKind ?? "none"}");
        o.WriteLine($"Resolutions:   {string.Join(", ", m.Resolutions)} (image {m.Resolutions[0]}x{m.Resolutions[0]})");
        o.WriteLine($"Schedule:      {m.Schedule.Name}, shift power {Number(m.Schedule.ShiftPower)}");
        o.WriteLine($"Conditioning:  {conditioning}");
        o.WriteLine($"Special ids:   pad {t.Pad}, eos {t.Eos}, decoder start {t.DecoderStart}, unk {t.Unk}");
        long total = m.Files.Sum(f => f.Size);
        o.WriteLine($"Files:         {m.Files.Count}, {total} bytes ({Size(total)})");
        int pathWidth = m.Files.Select(f => f.Path.Length).DefaultIfEmpty(0).Max();
        int roleWidth = m.Files.Select(f => f.Role.Length).DefaultIfEmpty(0).Max();
        foreach (PackageFile f in m.Files)
            o.WriteLine($"  {f.Path.PadRight(pathWidth)}  {f.Role.PadRight(roleWidth)}  {f.Size,12} bytes  sha256 {f.Sha256}");
        o.WriteLine($"Verified:      yes, every file matches the size and SHA-256 in {ModelPackage.ManifestFileName}");
        if (deep is not null)
            o.WriteLine($"Deep check:    yes, every session and GenAI opened and a one-step image of \"{PackageDeepCheck.Caption}\" made in " +
                        $"{deep.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" + (deep.Latents is { } z ? $" (latents: {z})" : ""));
    }

    /// <summary>The manifest through the runtime's generated serializer, with where it was read and that it was verified.</summary>
    void WriteJson(ModelPackage package, PackageDeepCheck.Result? deep)
    {
        PackageManifest m = package.Manifest;
        JsonObject manifest = JsonNode.Parse(m.ToJson())!.AsObject();
        var result = new JsonObject { ["package"] = package.Directory };
        foreach (var (key, value) in manifest)
            result[key] = key == "kind" ? Name(m.Kind) : value?.DeepClone();
        result["latentKind"] ??= null; // baselines: an explicit null, as readers of this output expect the field
        // Load throws on any mismatch, so reaching here means every file was checked.
        result["verified"] = true;
        if (deep is not null)
            result["deepCheck"] = new JsonObject { ["seconds"] = deep.Seconds, ["latents"] = deep.Latents };
        context.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    static string Name(ModelKind kind) => kind.ToString().ToLowerInvariant();

    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A size with a binary unit, for reading at a glance next to the exact byte count.</summary>
    static string Size(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024) return $"{bytes} B";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
