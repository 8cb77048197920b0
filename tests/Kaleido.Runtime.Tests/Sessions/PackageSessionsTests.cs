using System.Text.Json.Nodes;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Tests.Pipeline;

namespace Kaleido.Runtime.Tests.Sessions;

/// <summary>Session creation: the device is never silently replaced, and graphs are checked against the manifest.</summary>
public sealed class PackageSessionsTests
{
    [Fact]
    public void Asking_for_cuda_on_this_cpu_build_fails_fast_naming_what_is_missing()
    {
        var error = Assert.Throws<DeviceUnavailableException>(() =>
            KaleidoPipeline.Open(FixturePackages.Load(FixturePackages.TinyKaleido), new SessionSettings { Device = ExecutionDevice.Cuda }));
        Assert.Contains("no CUDA provider", error.Message);
        Assert.Contains("CUDA flavour", error.Message);
        Assert.IsAssignableFrom<UserInputException>(error);
    }

    [Fact]
    public void Cpu_sessions_open_and_every_graph_passes_its_checks()
    {
        using var sessions = PackageSessions.Open(FixturePackages.Load(FixturePackages.TinyKaleido),
            new OrtSessionFactory(new SessionSettings { IntraOpThreads = 1 }));
        Assert.NotNull(sessions.Decoder);
    }

    [Theory]
    [InlineData("resolutions", "[32, 16]", "'denoiser.onnx' (denoiser) input 'x_t_0'", "[any, 3, 32, 32]")]
    [InlineData("width", "48", "'encoder.onnx' (encoder) output 'encoder_hidden_states'", "48]")]
    [InlineData("headSize", "8", "'decoder.onnx' (decoder) input 'past_key_values.0.key'", "8]")]
    public void A_manifest_that_disagrees_with_a_graph_fails_naming_the_file_the_tensor_and_the_expectation(
        string field, string value, string where, string expected)
    {
        string dir = FixturePackages.CopyToTemp(FixturePackages.TinyKaleido);
        try
        {
            string manifestPath = Path.Combine(dir, ModelPackage.ManifestFileName);
            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
            JsonNode parsed = JsonNode.Parse(value)!;
            switch (field)
            {
                case "resolutions": manifest["resolutions"] = parsed; break;
                case "width": manifest["conditioning"]!["width"] = parsed; break;
                case "headSize": manifest["prior"]!["headSize"] = parsed; break;
            }
            File.WriteAllText(manifestPath, manifest.ToJsonString());

            var error = Assert.Throws<PackageException>(() => KaleidoPipeline.Open(ModelPackage.Load(dir)));
            Assert.Contains(where, error.Message);
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("bbox", "'denoiser.onnx' (denoiser) has no input 'token_object'")]
    [InlineData("text", "conditioning.grounding needs a kaleido package whose latents place objects")]
    public void A_manifest_that_declares_region_masks_for_a_paper_denoiser_is_refused_as_a_bad_package(string latentKind, string expected)
    {
        string dir = FixturePackages.CopyToTemp(FixturePackages.TinyKaleido);
        try
        {
            string manifestPath = Path.Combine(dir, ModelPackage.ManifestFileName);
            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
            manifest["latentKind"] = latentKind;
            manifest["conditioning"]!["grounding"] = JsonNode.Parse("""{"kind": "region-masked", "maxObjects": 4}""");
            File.WriteAllText(manifestPath, manifest.ToJsonString());

            var error = Assert.Throws<PackageException>(() => KaleidoPipeline.Open(ModelPackage.Load(dir)));
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Negative_thread_counts_are_refused()
    {
        Assert.Throws<UserInputException>(() => new OrtSessionFactory(new SessionSettings { IntraOpThreads = -1 }));
    }
}
