using System.Text.Json;
using Kaleido.Export.CommandLine;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Evaluation;

/// <summary>
/// <c>evaluate-classifier</c>: trains the feature classifier on a shapes-dataset manifest, measures its held-out
/// attribute accuracy against the majority baseline, and writes the feature extractor as ONNX (docs/metrics.md).
/// </summary>
public static class EvaluationCommand
{
    public const string FeaturesFile = "features.onnx";
    public const string ReportFile = "classifier.json";

    private const int BadInput = 2;

    /// <summary>The verb.</summary>
    public const string Name = "evaluate-classifier";

    /// <summary>The first line of the help, above System.CommandLine's description and options.</summary>
    public const string Synopsis = "usage: kaleido-export evaluate-classifier --manifest FILE --out DIR [options]";

    /// <summary>Runs the command; user mistakes print one line to <paramref name="error"/> and return 2.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var options = EvaluationCommandOptions.Parse(args);
            if (options.ShowHelp)
            {
                ExportCommandLine.WriteHelp(EvaluationCommandOptions.Command, Synopsis, output);
                return 0;
            }
            Execute(options, output);
            return 0;
        }
        catch (EvaluationInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    /// <summary>The work, in stages; returns the held-out accuracy.</summary>
    public static AttributeAccuracy Execute(EvaluationCommandOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = FeatureClassifierConfig.Default;
        var settings = options.Training;
        set_num_threads(options.Threads);

        // 1. Data: the manifest's last HoldoutShare of lines are held out.
        var images = LabelledManifest.Load(options.ManifestPath, config.ImageSide);
        int heldOutCount = (int)Math.Round(images.Count * settings.HoldoutShare);
        if (heldOutCount < 1 || heldOutCount >= images.Count)
            throw new EvaluationInputException(
                $"The manifest has {images.Count} images; holding out {settings.HoldoutShare} of them leaves no training or no held-out image.");
        var training = images.Take(images.Count - heldOutCount).ToArray();
        var heldOut = images.Skip(images.Count - heldOutCount).ToArray();
        output.WriteLine($"Training on {training.Length} images, {heldOut.Length} held out.");

        // 2. Train.
        using var generator = new Generator(settings.Seed);
        using var model = new FeatureClassifier(config, generator);
        double loss = ClassifierTrainer.Train(model, training, settings, generator);

        // 3. Held-out accuracy and the chance level it must beat.
        var truth = heldOut.Select(i => i.Attributes).ToArray();
        var accuracy = AttributeAccuracy.Score(truth, ClassifierTrainer.Predict(model, heldOut.Select(i => i.Pixels).ToArray()));
        var chance = AttributeAccuracy.MajorityBaseline(training.Select(i => i.Attributes).ToArray(), truth);
        output.WriteLine($"Final loss {loss:F4}. Held-out accuracy (chance): shapes {accuracy.ShapeLabels:P1} ({chance.ShapeLabels:P1}), " +
            $"colours {accuracy.ColorLabels:P1} ({chance.ColorLabels:P1}), background {accuracy.Background:P1} ({chance.Background:P1}), " +
            $"style {accuracy.Style:P1} ({chance.Style:P1}).");

        // 4. Outputs.
        Directory.CreateDirectory(options.OutputDirectory);
        FeatureClassifierOnnxExporter.Export(model, Path.Combine(options.OutputDirectory, FeaturesFile));
        WriteReport(Path.Combine(options.OutputDirectory, ReportFile), config, settings, training.Length, heldOut.Length, loss, accuracy, chance);
        output.WriteLine($"Wrote {FeaturesFile} and {ReportFile} to {options.OutputDirectory}.");
        return accuracy;
    }

    private static void WriteReport(string path, FeatureClassifierConfig config, ClassifierTrainingSettings settings,
        int trainingCount, int heldOutCount, double loss, AttributeAccuracy accuracy, AttributeAccuracy chance)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", "kaleido-feature-classifier");
        json.WriteNumber("version", 1);
        json.WriteNumber("imageSide", config.ImageSide);
        json.WriteNumber("featureDim", config.FeatureDim);
        json.WriteNumber("steps", settings.Steps);
        json.WriteNumber("batchSize", settings.BatchSize);
        json.WriteNumber("learningRate", settings.LearningRate);
        json.WriteNumber("seed", settings.Seed);
        json.WriteNumber("trainingImages", trainingCount);
        json.WriteNumber("heldOutImages", heldOutCount);
        json.WriteNumber("finalLoss", Math.Round(loss, 6));
        WriteAccuracy(json, "heldOutAccuracy", accuracy);
        WriteAccuracy(json, "majorityBaseline", chance);
        json.WriteEndObject();
    }

    private static void WriteAccuracy(Utf8JsonWriter json, string name, AttributeAccuracy a)
    {
        json.WriteStartObject(name);
        json.WriteNumber("shapeLabels", Math.Round(a.ShapeLabels, 6));
        json.WriteNumber("colorLabels", Math.Round(a.ColorLabels, 6));
        json.WriteNumber("shapeSets", Math.Round(a.ShapeSets, 6));
        json.WriteNumber("colorSets", Math.Round(a.ColorSets, 6));
        json.WriteNumber("background", Math.Round(a.Background, 6));
        json.WriteNumber("style", Math.Round(a.Style, 6));
        json.WriteEndObject();
    }
}
