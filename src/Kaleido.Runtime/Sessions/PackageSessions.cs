using Kaleido.Runtime.Package;
using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Runtime.Sessions;

/// <summary>
/// The ONNX Runtime sessions of one package, created once per run and reused for every image, each checked
/// against the manifest as it opens. Baseline packages have no decoder; they still need the encoder, whose
/// caption states are their whole conditioning.
/// </summary>
public sealed class PackageSessions : IDisposable
{
    PackageSessions(InferenceSession encoder, InferenceSession? decoder, InferenceSession denoiser)
    {
        Encoder = encoder;
        Decoder = decoder;
        Denoiser = denoiser;
    }

    /// <summary>encoder.onnx: the caption's states (the baseline's whole conditioning).</summary>
    public InferenceSession Encoder { get; }

    /// <summary>decoder.onnx (Kaleido packages only).</summary>
    public InferenceSession? Decoder { get; }

    public InferenceSession Denoiser { get; }

    /// <exception cref="PackageException">A graph's names or shapes differ from the manifest.</exception>
    /// <exception cref="DeviceUnavailableException">The device asked for cannot be used.</exception>
    public static PackageSessions Open(ModelPackage package, OrtSessionFactory factory)
    {
        PackageManifest m = package.Manifest;
        ConditioningSpec c = m.Conditioning;
        var opened = new List<IDisposable>();
        try
        {
            InferenceSession encoder = OpenChecked(package, PackageFileRoles.Encoder, factory, opened,
                _ => PackageGraphExpectations.Encoder(c.MaxCaptionTokens, c.Width));
            InferenceSession? decoder = null;
            if (m.Kind == ModelKind.Kaleido)
            {
                decoder = OpenChecked(package, PackageFileRoles.Decoder, factory, opened,
                    s => PackageGraphExpectations.Decoder(c.MaxCaptionTokens, c.Width, PackageGraphExpectations.CountDecoderLayers(s), m.Prior));
            }
            var denoiser = OpenChecked(package, PackageFileRoles.Denoiser, factory, opened,
                _ => PackageGraphExpectations.Denoiser(m.Resolutions, c.Length, c.Width, c.Grounding));
            return new PackageSessions(encoder, decoder, denoiser);
        }
        catch
        {
            foreach (var session in opened)
                session.Dispose();
            throw;
        }
    }

    /// <summary>Opens one file and checks it; the label names the file and its role in every error.</summary>
    public static InferenceSession OpenChecked(string path, string label, OrtSessionFactory factory,
        Func<InferenceSession, (TensorExpectation[] Inputs, TensorExpectation[] Outputs)> expectations)
    {
        var session = factory.Create(path, label);
        try
        {
            var (inputs, outputs) = expectations(session);
            GraphContract.Check(session, label, inputs, outputs);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    static InferenceSession OpenChecked(ModelPackage package, string role, OrtSessionFactory factory, List<IDisposable> opened,
        Func<InferenceSession, (TensorExpectation[] Inputs, TensorExpectation[] Outputs)> expectations)
    {
        string path = package.PathOf(role);
        string label = $"'{Path.GetRelativePath(package.Directory, path)}' ({role})";
        var session = OpenChecked(path, label, factory, expectations);
        opened.Add(session);
        return session;
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Decoder?.Dispose();
        Denoiser.Dispose();
    }
}
