namespace Kaleido.Fuzz;

/// <summary>
/// A problem the harness itself sees: a rejection with an unclear message, or an accepted input that breaks
/// a promise of the reader (a round trip). Undocumented, so afl-fuzz records it as a crash.
/// </summary>
public sealed class FuzzFindingException(string message, Exception? inner = null) : Exception(message, inner);
