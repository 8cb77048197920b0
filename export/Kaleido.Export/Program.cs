using Kaleido.Export.Packaging;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Runtime;

namespace Kaleido.Export;

/// <summary>Entry point of <c>kaleido-export</c>: dispatches to one command; user mistakes print a message, not a trace.</summary>
public static class Program
{
    const int BadInput = 2;

    const string Usage = """
        usage: kaleido-export <command> [options]

        commands:
          package   write a model package (kaleido.json, ONNX graphs, tokenizer)
                    --config tiny|small --kind kaleido|baseline [--latent-kind K] --tokenizer DIR
                    (--random-seed N | --checkpoint DIR) --out DIR [--model-id ID] [--denoiser-weights fp32|fp16]
          train     train one stage (prior, kaleido or baseline) from a dataset manifest (docs/training.md)
          evaluate-classifier  train the shapes feature classifier for FID / precision / recall (docs/metrics.md)
          fixtures  regenerate the committed test packages tiny-kaleido and tiny-baseline
                    --out DIR
          toy       the paper's Fig. 3 toy: mode shares against guidance, baseline vs latent prior
                    --out DIR [--seed N] [--guidance 1,2,4,7] (see docs/toy.md)
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? BadInput : 0;
        }
        try
        {
            string[] rest = args[1..];
            switch (args[0])
            {
                case "package": PackageCommand.Run(CommandOptions.Parse("package", rest)); return 0;
                case "fixtures": FixtureCommand.Run(CommandOptions.Parse("fixtures", rest)); return 0;
                case "toy": return Toy.ToyCommand.Run(rest, Console.Out, Console.Error);
                case "train": return Training.TrainingCommand.Run(rest, Console.Out, Console.Error);
                case "evaluate-classifier": return Evaluation.EvaluationCommand.Run(rest, Console.Out, Console.Error);
                default:
                    Console.Error.WriteLine($"kaleido-export: unknown command '{args[0]}'.");
                    Console.Error.WriteLine(Usage);
                    return BadInput;
            }
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"kaleido-export: {e.Message}");
            return BadInput;
        }
    }
}
