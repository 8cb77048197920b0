using System.Globalization;

namespace Kaleido.Runtime;

/// <summary>
/// A user's mistake — a malformed file, a bad option value, a damaged package — as opposed to a
/// broken contract inside our code. The CLI prints <see cref="Exception.Message"/> without a stack
/// trace and exits with a documented non-zero code, so the message must name the input and what
/// was expected.
/// </summary>
/// <remarks>
/// A setting out of its range (<see cref="Settings.SettingCheck"/>) also carries the settings' keys
/// (<see cref="Settings.SettingKeys"/>) and a template in which {0}, {1}… stand for them, so each front end
/// names them as its users write them (<see cref="Describe"/>): the CLI <c>--cfg</c>, a prompt file <c>"cfg"</c>.
/// </remarks>
public class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }

    public UserInputException(string message, Exception? inner) : base(message, inner) { }

    /// <summary>A setting error: <see cref="Exception.Message"/> names the settings by key.</summary>
    public UserInputException(IReadOnlyList<string> settingKeys, string template)
        : base(string.Format(CultureInfo.InvariantCulture, template, [.. settingKeys]))
    {
        SettingKeys = settingKeys;
        Template = template;
    }

    /// <summary>The settings the message is about, the first being the one to change; empty for other mistakes.</summary>
    public IReadOnlyList<string> SettingKeys { get; } = [];

    /// <summary>The message with {0}, {1}… for <see cref="SettingKeys"/>; null for other mistakes.</summary>
    public string? Template { get; }

    /// <summary>The message with each setting key spelled by <paramref name="name"/>; the plain message otherwise.</summary>
    public string Describe(Func<string, string> name) => Template is null
        ? Message
        : string.Format(CultureInfo.InvariantCulture, Template, [.. SettingKeys.Select(name)]);
}
