namespace Kaleido.Cli.Output;

/// <summary>What the output folder lets a run do with one <see cref="OutputUnit"/> (<see cref="OutputFolder.Decide"/>).</summary>
public enum UnitAction
{
    /// <summary>Nothing there (or --overwrite): make it and write it.</summary>
    Write,

    /// <summary>Already there, listed with the same settings and its recorded SHA-256: nothing to do.</summary>
    Skip,

    /// <summary>
    /// A file of that name is there but the manifest does not list it: make the unit, then keep the file and list it if
    /// the bytes are identical (a run killed between the rename and its manifest line), else stop with a conflict.
    /// </summary>
    WriteIfIdentical,

    /// <summary>
    /// Listed with these settings, but its bytes changed since kaleido wrote it (damaged, or edited by hand): the
    /// changed file is kept aside as <c>NAME.changed-SHA8</c> and the unit is made again (<c>--no-repair</c>: exit 6).
    /// </summary>
    Repair,
}
