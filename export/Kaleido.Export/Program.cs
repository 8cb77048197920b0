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
                    --config tiny|small|shapes|micro --kind kaleido|baseline [--latent-kind K] --tokenizer DIR
                    (--random-seed N | --checkpoint DIR) --out DIR [--model-id ID] [--denoiser-weights fp32|fp16]
          train     train one stage (prior, kaleido or baseline) from a dataset manifest (docs/training.md)
          evaluate-classifier  train the shapes feature classifier for FID / precision / recall (docs/metrics.md)
          fixtures  regenerate the committed test packages tiny-kaleido and tiny-baseline
                    --out DIR
          toy       the paper's Fig. 3 toy: mode shares against guidance, baseline vs latent prior
                    --out DIR [--seed N] [--guidance 1,2,4,7] (see docs/toy.md)

        kaleido-export <command> --help lists a command's options.
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
                case PackageCommand.Name: return RunParsed(PackageCommand.Name, rest, PackageCommand.Run);
                case FixtureCommand.Name: return RunParsed(FixtureCommand.Name, rest, FixtureCommand.Run);
                case Toy.ToyCommand.Name: return Toy.ToyCommand.Run(rest, Console.Out, Console.Error);
                case "train": return Training.TrainingCommand.Run(rest, Console.Out, Console.Error);
                case Evaluation.EvaluationCommand.Name: return Evaluation.EvaluationCommand.Run(rest, Console.Out, Console.Error);
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

    /// <summary>Parses a command's options; <c>--help</c> prints its help instead of running it.</summary>
    static int RunParsed(string command, string[] args, Action<CommandOptions> run)
    {
        CommandOptions options = CommandOptions.Parse(command, args);
        if (options.HelpRequested)
            options.WriteHelp(Console.Out);
        else
            run(options);
        return 0;
    }
}
