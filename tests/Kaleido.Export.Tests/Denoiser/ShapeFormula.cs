using Kaleido.Export.Denoiser;

namespace Kaleido.Export.Tests.Denoiser;

/// <summary>
/// The parameter count of the ml-mdm NestedUNet (without micro-conditioning) written out layer by layer
/// from the reference's layout, independently of the modules: used to check <see cref="NestedUNet.CountParameters"/>.
/// </summary>
internal static class ShapeFormula
{
    private static long Linear(long i, long o, bool bias = true) => i * o + (bias ? o : 0);
    private static long Conv(long i, long o, long k) => i * o * k * k + o;
    private static long Norm(long c) => 2 * c;

    private static long ResNet(long ci, long co, long t) =>
        Norm(ci) + Conv(ci, co, 3) + Linear(t, 2 * co) + Norm(co) + Conv(co, co, 3) + (ci != co ? Conv(ci, co, 1) : 0);

    private static long Attention(long c, long cond, bool ffn) =>
        Norm(c) + Conv(c, 3 * c, 1) + Conv(c, c, 1)
        + (cond > 0 ? Norm(cond) + Linear(cond, 2 * c) : 0)
        + (ffn ? Norm(c) + Conv(c, 4 * c, 1) + Conv(4 * c, c, 1) : 0);

    private static long UNet(UNetConfig u, long cond, bool mid)
    {
        long t = u.TemporalDim;
        long p = Linear(t / 4, t) + Linear(t, t) + Conv(3, u.Channels[0], 3);
        if (u.CoordinateChannels)
            p += 2 * u.Channels[0] * 3 * 3; // bias-free conv of the (x, y) grid
        var skips = new Stack<long>();
        long c = u.Channels[0];
        skips.Push(c);
        for (int i = 0; i < u.Levels; i++)
        {
            for (int j = 0; j < u.ResBlocks[i]; j++)
            {
                p += ResNet(c, u.Channels[i], t);
                c = u.Channels[i];
                p += u.AttentionLayers[i] * Attention(c, cond, u.AttentionFfn);
                skips.Push(c);
            }
            if (i != u.Levels - 1)
            {
                p += Conv(c, c, 3);
                skips.Push(c);
            }
        }
        if (mid)
            p += 2 * ResNet(c, c, t) + Attention(c, cond, u.AttentionFfn);
        for (int i = u.Levels - 1; i >= 0; i--)
        {
            for (int j = 0; j < u.ResBlocks[i] + 1; j++)
            {
                p += ResNet(c + skips.Pop(), u.Channels[i], t);
                c = u.Channels[i];
                p += u.AttentionLayers[i] * Attention(c, cond, u.AttentionFfn);
            }
            if (i != 0)
                p += Conv(c, c, 3);
        }
        return p + Norm(c) + Conv(c, 3, 3);
    }

    public static long Count(NestedUNetConfig n)
    {
        long d = n.Conditioning.ProjectedWidth;
        long lmLayer = Norm(d) + Linear(d, 3 * d) + Linear(d, d) + Norm(d) + Linear(d, 4 * d) + Linear(4 * d, d);
        long conditioning = Linear(n.Conditioning.LmWidth, d) + n.Conditioning.LmHeadLayers * lmLayer
            + Linear(d, n.Inner.TemporalDim, bias: false);
        long adapters = Conv(n.Outer.Channels[^1], n.Inner.Channels[0], 3) + Conv(n.Inner.Channels[0], n.Outer.Channels[^1], 3);
        return UNet(n.Outer, d, mid: false) + UNet(n.Inner, d, mid: true) + conditioning + adapters;
    }
}
