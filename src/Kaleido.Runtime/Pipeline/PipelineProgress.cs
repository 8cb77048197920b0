namespace Kaleido.Runtime.Pipeline;

/// <summary>The numbered stages of <see cref="KaleidoPipeline"/>, in order.</summary>
public enum PipelineStage
{
    Tokenize = 1,
    Encode = 2,
    SampleLatents = 3,
    TeacherForce = 4,
    Condition = 5,
    Denoise = 6,
    Image = 7,
}

/// <summary>Where the pipeline is: a stage of one image, and for <see cref="PipelineStage.Denoise"/> the step done (1-based) of how many.</summary>
public readonly record struct PipelineProgress(PipelineStage Stage, int ImageIndex, int Step = 0, int Steps = 0);
