using System.Globalization;

namespace Kaleido.Runtime.Settings;

/// <summary>
/// Range checks of the settings' owners (<see cref="Diffusion.Samplers.DenoiseLoopSettings"/>,
/// <see cref="Prior.PriorSamplingSettings"/>): a failure is a <see cref="UserInputException"/> that carries the
/// setting's key, so front ends name it their own way (<see cref="UserInputException.Describe"/>).
/// </summary>
public static class SettingCheck
{
    /// <summary>Throws "KEY is VALUE; expected EXPECTED." unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string key, object? value, string expected)
    {
        if (!condition)
            throw new UserInputException([key], "{0} is " + Escape(Show(value)) + "; expected " + Escape(expected) + ".");
    }

    /// <summary>A value as messages show it: strings quoted, numbers round-trippable in the invariant culture.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Braces in values and texts are literal, not key holes.</summary>
    public static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");
}
