using k8s;
using k8s.Models;
// Kaleido.Tools has an ExitCodes of its own, which the enclosing namespace would find first.
using CliExitCodes = Kaleido.Cli.ExitCodes;
using Kaleido.Tools.Tests.Evaluation;

namespace Kaleido.Tools.Tests.Deploy;

/// <summary>
/// The Indexed Job manifests of tools/deploy/kubernetes/, loaded with the official C# client (no cluster in CI):
/// the sharding, retry and volume settings that docs/batch.md asks of an engine.
/// </summary>
public class KubernetesManifestTests
{
    public static TheoryData<string> Manifests => ["kaleido-indexed-job.yaml", "kaleido-indexed-job-gpu.yaml"];

    /// <summary>
    /// The codes retrying cannot help, from the CLI's own list: every documented failure except 70 (a bug)
    /// and 75 (a fault that may pass), and 1 (<c>merge</c> only, which runs after the Job, never in a pod). A code
    /// added to ExitCodes.cs must be placed by the manifests too.
    /// </summary>
    static readonly int[] PermanentCodes = CliExitCodes.Described
        .Select(described => described.Code)
        .Where(code => code is not (CliExitCodes.Ok or CliExitCodes.IncompleteMerge or CliExitCodes.InternalError or CliExitCodes.TransientFailure))
        .Order()
        .ToArray();

    static V1Job Load(string name)
    {
        string path = Path.Combine(RepositoryRoot.Find(), "tools", "deploy", "kubernetes", name);
        // LoadAllFromString maps apiVersion/kind to the model type, so a wrong kind would not come back as a V1Job.
        object only = Assert.Single(KubernetesYaml.LoadAllFromString(File.ReadAllText(path)));
        return Assert.IsType<V1Job>(only);
    }

    static V1Container Kaleido(V1Job job) => Assert.Single(job.Spec.Template.Spec.Containers);

    [Theory, MemberData(nameof(Manifests))]
    public void Is_an_indexed_job_with_one_shard_count_everywhere(string name)
    {
        V1Job job = Load(name);
        V1Container container = Kaleido(job);

        Assert.Equal("batch/v1", job.ApiVersion);
        Assert.Equal("Job", job.Kind);
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal("generate", container.Args[0]);

        int count = Assert.IsType<int>(job.Spec.Completions);
        Assert.Equal(count, job.Spec.Parallelism);
        Assert.Equal(count.ToString(), Assert.Single(container.Env, env => env.Name == "KALEIDO_SHARD_COUNT").Value);
        Assert.Equal(count.ToString(), ValueOf(container, "--shard-count"));
        // The index comes from JOB_COMPLETION_INDEX; a fixed --shard-index would make every pod the same shard.
        Assert.DoesNotContain("--shard-index", container.Args);
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Fails_an_index_at_once_on_permanent_codes_and_retries_the_rest(string name)
    {
        V1JobSpec spec = Load(name).Spec;

        Assert.Equal("Never", spec.Template.Spec.RestartPolicy);
        Assert.True(spec.BackoffLimitPerIndex > 0, "exit 75 needs retries per index");
        IList<V1PodFailurePolicyRule> rules = spec.PodFailurePolicy.Rules;
        V1PodFailurePolicyRule failIndex = Assert.Single(rules, rule => rule.Action == "FailIndex");
        Assert.Equal("In", failIndex.OnExitCodes.OperatorProperty);
        Assert.Equal(PermanentCodes, failIndex.OnExitCodes.Values.Order());
        Assert.DoesNotContain(CliExitCodes.TransientFailure, failIndex.OnExitCodes.Values);
        Assert.DoesNotContain(CliExitCodes.Ok, failIndex.OnExitCodes.Values);

        V1PodFailurePolicyRule ignore = Assert.Single(rules, rule => rule.Action == "Ignore");
        Assert.Equal("DisruptionTarget", Assert.Single(ignore.OnPodConditions).Type);
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Reads_the_model_read_only_and_writes_to_a_shared_claim(string name)
    {
        V1Job job = Load(name);
        V1PodSpec pod = job.Spec.Template.Spec;
        V1Container container = Kaleido(job);

        V1VolumeMount model = MountAt(container, ValueOf(container, "--model"));
        Assert.True(model.ReadOnlyProperty);
        Assert.True(Volume(pod, model).PersistentVolumeClaim.ReadOnlyProperty);

        Assert.NotNull(Volume(pod, MountAt(container, ValueOf(container, "--out"))).PersistentVolumeClaim);
        string prompts = Path.GetDirectoryName(ValueOf(container, "--prompts"))!;
        Assert.NotNull(Volume(pod, MountAt(container, prompts)).ConfigMap);
    }

    [Fact]
    public void Only_the_gpu_variant_asks_for_cuda_and_a_gpu()
    {
        V1Container cpu = Kaleido(Load("kaleido-indexed-job.yaml"));
        V1Container gpu = Kaleido(Load("kaleido-indexed-job-gpu.yaml"));

        Assert.Equal("cuda", ValueOf(gpu, "--device"));
        Assert.Equal(1, gpu.Resources.Limits["nvidia.com/gpu"].ToInt32());
        Assert.DoesNotContain("--device", cpu.Args);
        Assert.False(cpu.Resources.Limits?.ContainsKey("nvidia.com/gpu") ?? false);
        Assert.NotNull(cpu.Resources.Requests["cpu"]);
    }

    static string ValueOf(V1Container container, string option)
    {
        int at = container.Args.IndexOf(option);
        Assert.True(at >= 0 && at + 1 < container.Args.Count, $"{option} VALUE is not in the container's args");
        return container.Args[at + 1];
    }

    static V1VolumeMount MountAt(V1Container container, string path) =>
        Assert.Single(container.VolumeMounts, mount => mount.MountPath == path);

    static V1Volume Volume(V1PodSpec pod, V1VolumeMount mount) =>
        Assert.Single(pod.Volumes, volume => volume.Name == mount.Name);
}
