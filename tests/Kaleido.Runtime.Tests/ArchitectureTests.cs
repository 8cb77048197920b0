using System.Reflection;
using System.Text.RegularExpressions;
using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Runtime.Tests;

/// <summary>
/// The runtime's folders and the references they may make (docs/architecture.md): the data path reads in one
/// direction, the pure math (Diffusion, Latents) touches no ONNX Runtime, and nothing references TorchSharp.
/// </summary>
public sealed partial class ArchitectureTests
{
    const string Root = "Kaleido.Runtime";

    /// <summary>Each namespace under Kaleido.Runtime and the sibling namespaces it may use (a DAG).</summary>
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Settings"] = [],
        ["Native"] = [],
        ["Files"] = [],
        ["Text"] = [],
        ["Latents"] = ["Settings"],
        ["Diffusion"] = ["Settings"],
        ["Imaging"] = ["Files", "Latents"],
        ["Package"] = ["Diffusion", "Files", "Latents", "Text"],
        ["Conditioning"] = ["Latents", "Package", "Text"], // ObjectGrounding: the objects the latents place, per token
        ["Sessions"] = ["Diffusion", "Native", "Package", "Settings"],
        ["Prior"] = ["Conditioning", "Latents", "Native", "Package", "Sessions", "Settings", "Text"],
        ["Pipeline"] = ["Conditioning", "Diffusion", "Files", "Imaging", "Latents", "Package", "Prior", "Sessions", "Settings", "Text"],
    };

    /// <summary>The only namespaces that may use ONNX Runtime (and GenAI): the sessions and the prior's graph runners.</summary>
    static readonly string[] OnnxRuntimeUsers = ["Sessions", "Prior"];

    static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kaleido.Runtime.sln")))
                return Path.Combine(dir.FullName, "src", Root);
        throw new InvalidOperationException("The repository root (Kaleido.Runtime.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\bKaleido\.Runtime\.(?<ns>[A-Z]\w*)\.")]
    private static partial Regex QualifiedName();

    /// <summary>Every (folder, referenced namespace) the runtime's sources make: using directives and fully qualified names.</summary>
    static IEnumerable<(string File, string Folder, string Reference)> References()
    {
        string source = SourceFolder();
        foreach (string file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
                continue;
            string folder = relative.Contains(Path.DirectorySeparatorChar) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar)] : "";
            string text = File.ReadAllText(file);
            foreach (Match m in UsingDirective().Matches(text))
                yield return (relative, folder, m.Groups["ns"].Value);
            foreach (Match m in QualifiedName().Matches(text))
                yield return (relative, folder, $"{Root}.{m.Groups["ns"].Value}");
        }
    }

    [Fact]
    public void Every_folder_is_in_the_allowed_map()
    {
        string source = SourceFolder();
        var folders = Directory.EnumerateDirectories(source).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToArray();
        Assert.NotEmpty(folders);
        Assert.All(folders, f => Assert.True(Allowed.ContainsKey(f!), $"src/{Root}/{f} is not in the architecture map; add it and its allowed references."));
    }

    [Fact]
    public void Each_folder_references_only_the_namespaces_it_may()
    {
        var violations = new List<string>();
        foreach (var (file, folder, reference) in References())
        {
            if (!reference.StartsWith(Root + ".", StringComparison.Ordinal) || folder.Length == 0)
                continue;
            string target = reference[(Root.Length + 1)..].Split('.')[0];
            if (target != folder && !Allowed[folder].Contains(target))
                violations.Add($"{file} ({folder}) uses {reference}");
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void Only_the_sessions_and_the_prior_use_onnx_runtime()
    {
        var users = References()
            .Where(r => r.Reference.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal))
            .Where(r => !OnnxRuntimeUsers.Contains(r.Folder))
            .Select(r => $"{r.File} uses {r.Reference}")
            .ToList();
        Assert.Empty(users);
    }

    [Fact]
    public void Diffusion_and_latents_types_expose_no_onnx_runtime_type()
    {
        // The compiled view of the same rule: no field, property, parameter, return or base type from ONNX Runtime.
        var assembly = typeof(DenoiseLoop).Assembly;
        var offenders = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace is { } ns
                     && (ns.StartsWith(Root + ".Diffusion", StringComparison.Ordinal) || ns.StartsWith(Root + ".Latents", StringComparison.Ordinal))))
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var used = new List<Type?> { type.BaseType };
            used.AddRange(type.GetInterfaces());
            used.AddRange(type.GetFields(all).Select(f => f.FieldType));
            used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                used.AddRange(method.GetParameters().Select(p => p.ParameterType));
                if (method is MethodInfo info)
                    used.Add(info.ReturnType);
            }
            foreach (var t in used.OfType<Type>())
                if (t.Assembly.GetName().Name!.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal))
                    offenders.Add($"{type.FullName} uses {t.FullName}");
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_runtime_references_no_torchsharp()
    {
        var references = typeof(DenoiseLoop).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.Contains(references, r => r.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal)); // the check can see references
        Assert.DoesNotContain(references, r => r.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(References(), r => r.Reference.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_projects_reference_no_plotting_library()
    {
        // The figures' library (ScottPlot, and its SkiaSharp natives) is for tools/ and export/ only: src/ ships to edge machines.
        var references = typeof(DenoiseLoop).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        string[] plotting = ["ScottPlot", "SkiaSharp", "HarfBuzzSharp", "Kaleido.Plots"];
        Assert.DoesNotContain(references, r => plotting.Any(p => r.StartsWith(p, StringComparison.Ordinal)));
        string src = Path.GetDirectoryName(SourceFolder())!;
        foreach (string project in Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(project);
            Assert.False(plotting.Any(p => ReferencesPlotting(text, p)), $"{project} references a plotting library.");
        }
    }

    static bool ReferencesPlotting(string project, string name) =>
        Regex.IsMatch(project, $@"<(PackageReference|ProjectReference)\s+Include=""[^""]*{Regex.Escape(name)}[^""]*""");

    [Fact]
    public void The_allowed_map_has_no_cycle()
    {
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        bool Cyclic(string n)
        {
            if (state.GetValueOrDefault(n) == 1) return true;
            if (state.GetValueOrDefault(n) == 2) return false;
            state[n] = 1;
            bool cyclic = Allowed[n].Any(Cyclic);
            state[n] = 2;
            return cyclic;
        }
        Assert.DoesNotContain(Allowed.Keys, Cyclic);
    }
}
