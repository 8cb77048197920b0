using Kaleido.Runtime.Settings;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// B, how many images go through the denoiser together (2B rows when guided): the owner of its default and range.
/// An execution setting like the thread count, not an image setting: on the CPU a row's bits do not depend on B, on
/// its position in the batch or on its neighbours (DenoiserRowBitsTests), so an image's bytes are the same for
/// every B and B is not part of what a folder's manifest compares (docs/cli.md, "Batches").
/// </summary>
public static class DenoiseBatchSize
{
    public const int Default = 1;
    public const int Max = 64;

    /// <exception cref="UserInputException">B is out of range; the message names it by <see cref="SettingKeys.BatchSize"/>.</exception>
    public static void Validate(int batchSize) =>
        SettingCheck.Require(batchSize is >= 1 and <= Max, SettingKeys.BatchSize, batchSize, $"an integer from 1 to {Max}");
}
