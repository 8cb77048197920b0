using Kaleido.Fuzz;
using SharpFuzz;

// kaleido-fuzz TARGET: under afl-fuzz (tools/fuzz.sh) runs the target on every input afl-fuzz sends; otherwise
// runs it once on standard input and prints the outcome, which is how a crash file is replayed by hand.
if (args.Length != 1 || (args[0] is not "--list" && !FuzzTargets.Names.Contains(args[0])))
{
    Console.Error.WriteLine($"usage: kaleido-fuzz TARGET < input   (TARGET: {string.Join(", ", FuzzTargets.Names)}; --list prints them)");
    return 2;
}
if (args[0] == "--list")
{
    foreach (string name in FuzzTargets.Names)
        Console.WriteLine(name);
    return 0;
}

using var scratch = new ScratchFolder();
FuzzTarget target = FuzzTargets.Create(args[0], scratch)!;
bool underAfl = Environment.GetEnvironmentVariable("__AFL_SHM_ID") is not null;
// Out of process: a stack overflow or a fail-fast in the reader kills only the child, and is reported as a crash.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    Exception? rejection = target.Run(buffer.ToArray());
    if (!underAfl)
        Console.WriteLine(rejection is null ? $"{target.Name}: accepted" : $"{target.Name}: rejected ({rejection.GetType().Name}): {rejection.Message}");
});
return 0;
