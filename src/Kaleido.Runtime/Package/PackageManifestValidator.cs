using System.Diagnostics.CodeAnalysis;
using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Package;

/// <summary>Checks a manifest's values against each other before any file is opened.</summary>
static class PackageManifestValidator
{
    public static void Validate(PackageManifest m, string source)
    {
        Require(m.Format == PackageManifest.FormatName, source,
            $"format is '{m.Format}'; expected '{PackageManifest.FormatName}'");
        Require(m.Version == PackageManifest.CurrentVersion, source,
            $"version is {m.Version}; this runtime reads version {PackageManifest.CurrentVersion}");
        Require(!string.IsNullOrWhiteSpace(m.ModelId), source, "modelId is empty");
        Require(m.Resolutions.Count >= 1 && m.Resolutions.All(r => r > 0), source,
            "resolutions must list at least one positive image size, highest first");
        for (int i = 1; i < m.Resolutions.Count; i++)
            Require(m.Resolutions[i - 1] > m.Resolutions[i] && m.Resolutions[i - 1] % m.Resolutions[i] == 0, source,
                $"resolutions {string.Join(", ", m.Resolutions)} must decrease, each dividing the one before");
        Require(m.Schedule.ToSettings() is not null, source,
            $"schedule.name is '{m.Schedule.Name}'; expected {string.Join(" or ", ScheduleSpec.Names.Select(n => $"'{n}'"))}");

        SpecialTokens t = m.Tokens;
        Require(new[] { t.Pad, t.Eos, t.DecoderStart, t.Unk }.Distinct().Count() == 4, source,
            "tokens.pad, eos, decoderStart and unk must be four different ids");

        ConditioningSpec c = m.Conditioning;
        Require(c.MaxCaptionTokens > 0 && c.Width > 0, source, "conditioning.maxCaptionTokens and width must be positive");
        int expected = m.Kind == ModelKind.Kaleido ? c.MaxCaptionTokens + c.MaxLatentTokens + 1 : c.MaxCaptionTokens;
        Require(c.Length == expected, source,
            $"conditioning.length is {c.Length}; a {m.Kind.ToString().ToLowerInvariant()} package needs {expected}");
        Require(m.Kind == ModelKind.Baseline || m.LatentKind is not null, source, "a kaleido package names its latentKind");
        Require(m.Kind == ModelKind.Baseline || LatentKindNames.TryParse(m.LatentKind, out _), source,
            $"latentKind '{m.LatentKind}' is not one of {string.Join(", ", LatentKindNames.All)}");
        if (m.Kind == ModelKind.Kaleido)
            ValidatePrior(m.Prior, c, t, source);
        if (c.Grounding is { } g)
        {
            Require(g.Kind == GroundingSpec.RegionMasked, source,
                $"conditioning.grounding.kind is '{g.Kind}'; expected '{GroundingSpec.RegionMasked}' (or no grounding section)");
            Require(g.MaxObjects is >= 1 and <= GroundingSpec.MaxObjectsLimit, source,
                $"conditioning.grounding.maxObjects is {g.MaxObjects}; expected 1 to {GroundingSpec.MaxObjectsLimit}");
            Require(m.Kind == ModelKind.Kaleido && LatentKindNames.PlacesObjects(m.LatentKind), source,
                "conditioning.grounding needs a kaleido package whose latents place objects (bbox, blob or combined)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (PackageFile f in m.Files)
        {
            Require(seen.Add(f.Path), source, $"file '{f.Path}' is listed twice");
            Require(f.Sha256.Length == 64 && f.Sha256.All(Uri.IsHexDigit), source,
                $"file '{f.Path}' has sha256 '{f.Sha256}'; expected 64 hex digits");
            Require(f.Size >= 0, source, $"file '{f.Path}' has a negative size");
        }
        Require(m.Files.Any(f => f.Role == PackageFileRoles.Denoiser), source, "no file has role 'denoiser'");
        if (m.Kind == ModelKind.Kaleido)
            foreach (string role in new[] { PackageFileRoles.Encoder, PackageFileRoles.Decoder, PackageFileRoles.GenAiConfig })
                Require(m.Files.Any(f => f.Role == role), source, $"a kaleido package needs a file with role '{role}'");
    }

    static void ValidatePrior(PriorSpec? p, ConditioningSpec c, SpecialTokens t, string source)
    {
        Require(p is not null, source, "a kaleido package needs a 'prior' section");
        Require(p.DecoderLayers > 0 && p.Heads > 0 && p.HeadSize > 0 && p.CodebookSize >= 0, source,
            "prior.decoderLayers, heads and headSize must be positive and codebookSize not negative");
        Require(new[] { t.Pad, t.Eos, t.DecoderStart, t.Unk }.All(id => id >= 0 && id < p.VocabSize), source,
            $"prior.vocabSize is {p.VocabSize}; every special token id must be below it");
        Require(c.MaxLatentTokens > 0 && p.ContextLength == c.MaxLatentTokens + 2, source,
            $"prior.contextLength is {p.ContextLength}; it must be start + conditioning.maxLatentTokens + eos = {c.MaxLatentTokens + 2}");
    }

    static void Require([DoesNotReturnIf(false)] bool condition, string source, string problem)
    {
        if (!condition) throw new PackageException($"{source}: {problem}.");
    }
}
