using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// Turns parsed prompt records and the command-line settings into one <see cref="PlannedRecord"/>
/// per record: overrides applied and validated, seeds resolved, file names assigned and checked
/// for collisions. Runs before any model loads, so a bad prompt file fails in milliseconds.
/// </summary>
public static class GenerationPlan
{
    /// <exception cref="UserInputException">
    /// A setting is out of range (naming the option, or the record's line and field), or two records
    /// would write the same files.
    /// </exception>
    public static IReadOnlyList<PlannedRecord> Create(
        IReadOnlyList<PromptRecord> records, GenerationSettings commandLine, ulong baseSeed)
    {
        commandLine.Validate();
        // Compared ignoring case: "Cat" and "cat" are one file on case-insensitive file systems.
        var ownerOfStem = new Dictionary<string, PromptRecord>(StringComparer.OrdinalIgnoreCase);
        var requests = new List<PlannedRecord>(records.Count);
        // Every record's settings first, so an absurd total fails before any image is planned.
        GenerationSettings[] merged = records.Select(commandLine.WithOverrides).ToArray();
        long total = merged.Sum(s => (long)s.Count);
        if (total > GenerationSettings.MaxImagesPerRun)
            throw new UserInputException(
                $"The run asks for {total} images over {records.Count} prompts; one run plans at most {GenerationSettings.MaxImagesPerRun}. " +
                "Split the prompt file, or run it in shards.");
        for (int r = 0; r < records.Count; r++)
        {
            PromptRecord record = records[r];
            GenerationSettings settings = merged[r];
            string stem = OutputNames.StemOf(record);
            if (!ownerOfStem.TryAdd(stem, record))
                throw Collision(ownerOfStem[stem], record, stem);

            var images = new ImageIdentity[settings.Count];
            for (int k = 0; k < images.Length; k++)
            {
                int index = settings.StartIndex + k;
                images[k] = new ImageIdentity(index, OutputNames.ImageFileName(stem, index), OutputNames.LatentsFileName(stem, index));
            }
            requests.Add(new PlannedRecord(record, SeedDerivation.SeedOf(record, baseSeed), settings, stem, images)
            {
                BaseSeed = record.Seed is null ? baseSeed : null,
            });
        }
        return requests;
    }

    static UserInputException Collision(PromptRecord first, PromptRecord second, string stem)
    {
        static string Describe(PromptRecord r) => r.Id is { } id ? $"line {r.LineNumber} (id '{id}')" : $"line {r.LineNumber} (no id)";
        return new UserInputException(
            $"{second.Source}: {Describe(first)} and {Describe(second)} would both write '{stem}-NNNN.png'; " +
            "give them ids that still differ after unsafe characters become '_' (compared ignoring case).");
    }
}
