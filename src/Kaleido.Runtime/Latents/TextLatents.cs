namespace Kaleido.Runtime.Latents;

/// <summary>A detailed textual description (Appendix A, "Textual descriptions").</summary>
public sealed record TextLatents : DiscreteLatents
{
    public TextLatents(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (description.Length == 0)
            throw new ArgumentException("A text latent needs a non-empty description.", nameof(description));
        if (FreeText.FindProblem(description) is { } problem)
            throw new ArgumentException($"Invalid description: {problem}.", nameof(description));
        Description = description;
    }

    /// <summary>The description as a person reads it (not escaped), kept verbatim.</summary>
    public string Description { get; }

    public override LatentKind Kind => LatentKind.Text;
}
