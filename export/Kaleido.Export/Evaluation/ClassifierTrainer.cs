using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Evaluation;

/// <summary>
/// Trains a <see cref="FeatureClassifier"/> on labelled images: binary cross-entropy summed over the 12 presence logits
/// (6 shapes, 6 colours) plus cross-entropy on the background colour and style logits, Adam, batches drawn with
/// replacement from a seeded generator.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Trains <paramref name="model"/> in place; returns the mean loss of the last (up to) 50 steps.</summary>
    public static double Train(FeatureClassifier model, IReadOnlyList<LabelledImage> images, ClassifierTrainingSettings settings, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(generator);
        settings.Validate();
        if (images.Count == 0)
            throw new EvaluationInputException("There are no training images.");

        // 1. The whole set as tensors, once: images [N, 3, S, S], presence [N, 12], background and style [N].
        using var all = ImageTensors.FromPixels(images.Select(i => i.Pixels).ToArray(), model.Config.ImageSide);
        using var presence = tensor(images.SelectMany(i => i.Attributes.PresenceTargets()).ToArray(), [images.Count, PresenceCount]);
        using var backgrounds = tensor(images.Select(i => (long)i.Attributes.Background).ToArray());
        using var styles = tensor(images.Select(i => (long)i.Attributes.Style).ToArray());

        model.train();
        using var optimizer = optim.Adam(model.parameters(), settings.LearningRate);
        var steps = new OptimizerSteps(optimizer, window: 50);
        for (int step = 0; step < settings.Steps; step++)
        {
            using var scope = NewDisposeScope();
            // 2. A batch drawn with replacement.
            var rows = randint(0, images.Count, [settings.BatchSize], dtype: ScalarType.Int64, generator: generator); // [B]
            var logits = model.Logits(all.index_select(0, rows));                                                   // [B, 20]

            // 3. Loss: multi-label BCE on presence, summed over the 12 labels (a mean over them would weaken each
            //    label's gradient twelvefold against the two class heads), plus one cross-entropy per class head.
            var (presenceLogits, backgroundLogits, styleLogits) = Split(logits);
            var loss = PresenceCount * nn.functional.binary_cross_entropy_with_logits(presenceLogits, presence.index_select(0, rows))
                + nn.functional.cross_entropy(backgroundLogits, backgrounds.index_select(0, rows))
                + nn.functional.cross_entropy(styleLogits, styles.index_select(0, rows));
            steps.Take(loss);
        }
        model.eval();
        return steps.RecentMeanLoss;
    }

    /// <summary>Predicts the attributes of <paramref name="images"/> (batches of <paramref name="batchSize"/>; no gradients).</summary>
    public static IReadOnlyList<SceneAttributes> Predict(FeatureClassifier model, IReadOnlyList<byte[]> images, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        model.eval();
        using var noGrad = no_grad();
        var predictions = new List<SceneAttributes>(images.Count);
        for (int start = 0; start < images.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = images.Skip(start).Take(batchSize).ToArray();
            var (presence, background, style) = Split(model.Logits(ImageTensors.FromPixels(batch, model.Config.ImageSide)));
            var present = (presence > 0).contiguous().data<bool>().ToArray();   // [b, 12]
            var backgroundClass = background.argmax(1).data<long>().ToArray();  // [b]
            var styleClass = style.argmax(1).data<long>().ToArray();            // [b]
            for (int i = 0; i < batch.Length; i++)
            {
                var row = present.AsSpan(i * PresenceCount, PresenceCount);
                predictions.Add(new SceneAttributes(
                    row[..ShapeCount].ToArray(), row[ShapeCount..].ToArray(), (int)backgroundClass[i], (int)styleClass[i]));
            }
        }
        return predictions;
    }

    private static int ShapeCount => SceneAttributes.ShapeWords.Count;

    private static int PresenceCount => SceneAttributes.ShapeWords.Count + SceneAttributes.ColorWords.Count;

    /// <summary>Logits [B, 20] → presence [B, 12], background [B, 4], style [B, 4].</summary>
    private static (Tensor Presence, Tensor Background, Tensor Style) Split(Tensor logits)
    {
        int backgrounds = SceneAttributes.BackgroundWords.Count;
        return (logits.narrow(1, 0, PresenceCount),
                logits.narrow(1, PresenceCount, backgrounds),
                logits.narrow(1, PresenceCount + backgrounds, SceneAttributes.StyleWords.Count));
    }
}
