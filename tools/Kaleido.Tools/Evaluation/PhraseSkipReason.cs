namespace Kaleido.Tools.Evaluation;

/// <summary>Why a grounded phrase was not scored.</summary>
public enum PhraseSkipReason
{
    /// <summary>The phrase names no palette colour, so there is nothing to look for.</summary>
    NoColorWord,

    /// <summary>The phrase's colour is the background's (from the tail): the object cannot be told from the background.</summary>
    BackgroundColor,

    /// <summary>
    /// Missed, but its box lies in one region with another phrase's box of the same colour: the objects touch
    /// or overlap and the colour alone cannot split them.
    /// </summary>
    SameColorMerge,
}

public static class PhraseSkipReasonNames
{
    public static string ToName(this PhraseSkipReason reason) => reason switch
    {
        PhraseSkipReason.NoColorWord => "no-colour-word",
        PhraseSkipReason.BackgroundColor => "background-colour",
        PhraseSkipReason.SameColorMerge => "same-colour-merge",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a skip reason."),
    };
}
