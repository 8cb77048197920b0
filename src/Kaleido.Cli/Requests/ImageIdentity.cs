using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// One image of a request: its index (which, with the record's seed, fixes its noise and its prior
/// sample) and its output file names.
/// </summary>
public sealed record ImageIdentity(int Index, string ImageFileName, string LatentsFileName);
