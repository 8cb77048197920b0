namespace Kaleido.Export.Packaging;

/// <summary>
/// A command's <c>--name value</c> options. Every option must be read by the command; one that is left over is a
/// typo and an error, never silently ignored.
/// </summary>
public sealed class CommandOptions
{
    readonly string _command;
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    readonly HashSet<string> _read = new(StringComparer.Ordinal);

    CommandOptions(string command) => _command = command;

    public static CommandOptions Parse(string command, IReadOnlyList<string> args)
    {
        var options = new CommandOptions(command);
        for (int i = 0; i < args.Count; i += 2)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
                throw new ExportInputException($"{command}: expected an option such as --out but found '{name}'.");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new ExportInputException($"{command}: option {name} needs a value.");
            if (!options._values.TryAdd(name[2..], args[i + 1]))
                throw new ExportInputException($"{command}: option {name} is given twice.");
        }
        return options;
    }

    public string? Optional(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Required(string name) =>
        Optional(name) ?? throw new ExportInputException($"{_command}: option --{name} is required.");

    /// <summary>The value of <c>--name</c>, which must be one of <paramref name="allowed"/>.</summary>
    public string OneOf(string name, params string[] allowed)
    {
        string value = Required(name);
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new ExportInputException($"{_command}: --{name} is '{value}'; expected one of {string.Join(", ", allowed)}.");
        return value;
    }

    public long? OptionalInt64(string name)
    {
        string? value = Optional(name);
        if (value is null) return null;
        if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long number))
            throw new ExportInputException($"{_command}: --{name} is '{value}'; expected a non-negative integer.");
        return number;
    }

    /// <summary>Throws if an option was given that the command never read (a typo or an option of another command).</summary>
    public void ThrowIfUnread()
    {
        string[] unknown = _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
            throw new ExportInputException($"{_command}: unknown option{(unknown.Length > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
