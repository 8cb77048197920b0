using k8s;
using k8s.Models;

namespace Kaleido.Cli.Tests;

/// <summary>
/// The Indexed Job of tools/deploy/kubernetes/kaleido-indexed-job.yaml, run here without a cluster: the container's
/// entry command once per index with the manifest's environment and JOB_COMPLETION_INDEX (as Kubernetes sets it),
/// its paths mapped onto temp folders, and the merged folder compared byte for byte with an unsharded run.
/// </summary>
public sealed class KubernetesEntryCommandTests
{
    const string Prompts = "a red circle\n{\"id\": \"sq\", \"prompt\": \"a blue square\", \"count\": 2}\na green star\n";

    /// <summary>What keeps the fixture run to seconds; the manifest's own args stay as they are.</summary>
    static readonly string[] Fast = ["--steps", "2", "--count", "2", "--seed", "4", "-q"];

    static V1Job LoadJob()
    {
        string path = Path.Combine(Fixtures.RepoRoot, "tools", "deploy", "kubernetes", "kaleido-indexed-job.yaml");
        object only = Assert.Single(KubernetesYaml.LoadAllFromString(File.ReadAllText(path)));
        return Assert.IsType<V1Job>(only);
    }

    /// <summary>The manifest's args with the value after each mounted-path flag replaced by a local path.</summary>
    static string[] MapPaths(IList<string> args, IReadOnlyDictionary<string, string> local)
    {
        var mapped = args.ToArray();
        foreach (var (flag, path) in local)
        {
            int at = Array.IndexOf(mapped, flag);
            Assert.True(at >= 0 && at + 1 < mapped.Length, $"The manifest's args have no value for {flag}.");
            mapped[at + 1] = path;
        }
        return mapped;
    }

    [Fact]
    public void The_entry_command_run_once_per_index_makes_the_unsharded_run_byte_for_byte()
    {
        V1Job job = LoadJob();
        V1Container container = Assert.Single(job.Spec.Template.Spec.Containers);
        int n = Assert.IsType<int>(job.Spec.Completions);
        Assert.True(n >= 1);
        var manifestEnv = (container.Env ?? []).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        Assert.DoesNotContain("JOB_COMPLETION_INDEX", manifestEnv.Keys); // Kubernetes sets it, not the manifest

        using var folder = new TempFolder();
        File.WriteAllText(folder["prompts.txt"], Prompts);
        string[] entry = MapPaths(container.Args, new Dictionary<string, string>
        {
            ["--prompts"] = folder["prompts.txt"],
            ["--model"] = Fixtures.TinyKaleido,
            ["--out"] = folder["out"],
        });
        Assert.Equal("generate", entry[0]);

        for (int index = 0; index < n; index++)
        {
            var env = new Dictionary<string, string>(manifestEnv, StringComparer.Ordinal) { ["JOB_COMPLETION_INDEX"] = index.ToString() };
            var pod = CliRunner.RunWith(folder.Path, c => c with { Environment = name => env.GetValueOrDefault(name) }, [.. entry, .. Fast]);
            Assert.True(pod.ExitCode == ExitCodes.Ok, $"Index {index} of {n} exited {pod.ExitCode}: {pod.Error}");
        }

        var whole = CliRunner.RunIn(folder.Path,
            ["generate", "--prompts", folder["prompts.txt"], "--model", Fixtures.TinyKaleido, "--out", folder["whole"], .. Fast]);
        Assert.Equal((ExitCodes.Ok, ""), (whole.ExitCode, whole.Error));

        var expected = ShardTests.Images(folder["whole"]);
        Assert.Equal(6 * 2, expected.Count); // 2 + 2 + 2 images, each a PNG and a latents file
        Assert.Equal(expected, ShardTests.Images(folder["out"]));
        var shardManifests = Directory.GetFiles(folder["out"], "kaleido-manifest.shard-*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, n).Select(i => $"kaleido-manifest.shard-{i}-of-{n}.jsonl").Order(StringComparer.Ordinal), shardManifests);

        // After the Job: `kaleido merge` makes the shared folder the unsharded run's, contact sheet included.
        var merge = CliRunner.RunIn(folder.Path, "merge", folder["out"], "-q");
        Assert.Equal((ExitCodes.Ok, ""), (merge.ExitCode, merge.Error));
        Assert.Equal(File.ReadAllBytes(folder["whole/contact-sheet.png"]), File.ReadAllBytes(folder["out/contact-sheet.png"]));
        Assert.Equal(File.ReadAllBytes(folder["whole/kaleido-manifest.jsonl"]), File.ReadAllBytes(folder["out/kaleido-manifest.jsonl"]));
    }
}
