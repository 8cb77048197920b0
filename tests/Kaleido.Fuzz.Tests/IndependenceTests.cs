using Kaleido.Cli.Requests;
using Kaleido.Runtime.Latents;

namespace Kaleido.Fuzz.Tests;

/// <summary>SharpFuzz instruments the built assemblies (tools/fuzz.sh); the product never references it.</summary>
public sealed class IndependenceTests
{
    [Fact]
    public void The_runtime_and_the_cli_reference_no_sharpfuzz()
    {
        foreach (var assembly in new[] { typeof(LatentsParser).Assembly, typeof(PromptFile).Assembly })
        {
            string[] references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
            Assert.NotEmpty(references); // the check can see references
            Assert.DoesNotContain(references, r => r.Contains("SharpFuzz", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(references, r => r.StartsWith("kaleido-fuzz", StringComparison.OrdinalIgnoreCase));
        }
    }
}
