using Kaleido.Tools.Metrics;

namespace Kaleido.Tools.Tests.Metrics;

public sealed class SymmetricEigenTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    [InlineData(17, 4)]
    [InlineData(64, 5)]
    public void Decompose_RandomSymmetric_ReconstructsAndIsOrthonormal(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i, j] = a[j, i] = random.NextDouble() * 2 - 1;

        var eigen = SymmetricEigen.Decompose(a);

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // V·diag(λ)·Vᵀ = A and Vᵀ·V = I, written out here rather than with the class's helpers.
                double reconstructed = 0, gram = 0;
                for (int k = 0; k < n; k++)
                {
                    reconstructed += eigen.Vectors[i, k] * eigen.Values[k] * eigen.Vectors[j, k];
                    gram += eigen.Vectors[k, i] * eigen.Vectors[k, j];
                }
                Assert.True(Math.Abs(reconstructed - a[i, j]) < 1e-9, $"A[{i},{j}]: {reconstructed} vs {a[i, j]}");
                Assert.True(Math.Abs(gram - (i == j ? 1 : 0)) < 1e-9, $"VᵀV[{i},{j}] = {gram}");
            }
        }
        for (int k = 1; k < n; k++)
            Assert.True(eigen.Values[k - 1] <= eigen.Values[k]);
    }

    [Fact]
    public void Decompose_KnownMatrix_GivesItsEigenvalues()
    {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
        var eigen = SymmetricEigen.Decompose(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal(1, eigen.Values[0], 12);
        Assert.Equal(3, eigen.Values[1], 12);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(eigen.Vectors[0, 1]), 12);
        Assert.Equal(eigen.Vectors[0, 1], eigen.Vectors[1, 1], 12);
    }

    [Fact]
    public void Decompose_NonSymmetric_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[,] { { 1, 2 }, { 0, 1 } }));
        Assert.Contains("not symmetric", error.Message);
    }
}
