using System.Globalization;
using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Output;

/// <summary>
/// The command that resumes a stopped run: the one typed, with a drawn <c>--seed random</c> replaced by the number
/// drawn (typed again, <c>random</c> would draw another seed and make other images).
/// </summary>
static class ResumeCommand
{
    static readonly string[] SeedNames = ["--seed", "-s"];

    public static string Of(IReadOnlyList<string> arguments, SeedChoice? seed, ulong baseSeed)
    {
        if (seed is not { IsRandom: true })
            return ShellWords.KaleidoCommand(arguments);
        string drawn = baseSeed.ToString(CultureInfo.InvariantCulture);
        var words = new List<string>(arguments.Count);
        for (int i = 0; i < arguments.Count; i++)
        {
            string word = arguments[i];
            if (SeedNames.Contains(word) && i + 1 < arguments.Count && arguments[i + 1] == SeedChoice.RandomWord)
            {
                words.Add(word);
                words.Add(drawn);
                i++;
            }
            else if (SeedNames.Any(name => word == name + "=" + SeedChoice.RandomWord))
                words.Add(word[..(word.IndexOf('=') + 1)] + drawn);
            else
                words.Add(word);
        }
        return ShellWords.KaleidoCommand(words);
    }
}
