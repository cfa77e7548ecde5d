package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

/** Each statistic against a textbook computation written here, never against the kernel's own output. */
class KernelsTest {

    static double[][] lightCurve(long seed, int n) {
        var r = new SplittableRandom(seed);
        double[] t = new double[n], m = new double[n], s = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 56700 + i * 15.3 + r.nextDouble(0, 2);
            s[i] = r.nextDouble(0.02, 0.1);
            m[i] = 14 + 0.03 * (t[i] - 56700) / 365.25 + s[i] * gauss(r) + 0.05 * Math.sin(t[i] / 40);
        }
        return new double[][] {t, m, s};
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void bandStatisticsAgreeWithTextbookFormulas() {
        for (long seed = 1; seed <= 5; seed++) {
            double[][] lc = lightCurve(seed, 40 + (int) seed * 17);
            double[] t = lc[0], m = lc[1], s = lc[2];
            int n = t.length;
            BandStatistics.Result out = BandStatistics.of(t, m, s, 0, n);
            double sw = 0, swm = 0, mean = 0;
            for (int i = 0; i < n; i++) {
                sw += 1 / (s[i] * s[i]);
                swm += m[i] / (s[i] * s[i]);
                mean += m[i] / n;
            }
            double mw = swm / sw, var = 0, chi = 0, dd = 0;
            for (int i = 0; i < n; i++) {
                var += (m[i] - mean) * (m[i] - mean) / (n - 1);
                chi += Math.pow((m[i] - mw) / s[i], 2);
                if (i > 0) {
                    dd += Math.pow(m[i] - m[i - 1], 2);
                }
            }
            assertEquals(n, out.n());
            assertEquals(mw, out.mean(), 1e-12);
            assertEquals(Math.sqrt(var), out.rms(), 1e-12);
            assertEquals(chi / (n - 1), out.chi2(), 1e-9);
            assertEquals(dd / ((n - 1) * var), out.eta(), 1e-9);
            // WLS as OLS on √w-scaled rows (no intercept; columns √w and √w·x), with Commons Math
            double[][] x = new double[n][2];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double q = 1 / s[i];
                x[i][0] = q;
                x[i][1] = q * (t[i] - 56000) / 365.25;
                y[i] = q * m[i];
            }
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.setNoIntercept(true);
            ols.newSampleData(y, x);
            double[] beta = ols.estimateRegressionParameters(), se = ols.estimateRegressionParametersStandardErrors();
            assertEquals(beta[1], out.trend(), 1e-10);
            assertEquals(se[1], out.trendErr(), 1e-10);
            double tStat = beta[1] / se[1];
            double p = 2 * (1 - new TDistribution(n - 2).cumulativeProbability(Math.abs(tStat)));
            assertEquals(p, out.trendP(), 1e-9 + 1e-6 * p);
        }
    }

    @Test
    void bandStatisticsEdgeCases() {
        BandStatistics.Result out = BandStatistics.of(new double[] {1}, new double[] {14}, new double[] {0.1}, 0, 1);
        assertEquals(1, out.n());
        assertEquals(14, out.mean());
        assertTrue(Double.isNaN(out.rms()) && Double.isNaN(out.trend()));
        out = BandStatistics.of(new double[] {1, 2}, new double[] {14, 15}, new double[] {0.1, 0.1}, 0, 2);
        assertEquals(Math.sqrt(0.5), out.rms(), 1e-12);
        assertTrue(Double.isNaN(out.trend()), "a trend needs 3 points");
        out = BandStatistics.of(new double[] {5, 5, 5}, new double[] {1, 2, 3}, new double[] {1, 1, 1}, 0, 3);
        assertTrue(Double.isNaN(out.trend()), "all at one time: no slope");
        // a perfect line: slope exact, error 0, p 0
        out = BandStatistics.of(new double[] {0, 365.25, 730.5}, new double[] {1, 2, 3}, new double[] {1, 1, 1}, 0, 3);
        assertEquals(1.0, out.trend(), 1e-12);
        assertEquals(0.0, out.trendP());
        // a slice of the middle is that slice's statistics; a slice past an array's end is refused, not padded
        double[] t = {0, 0, 365.25, 730.5, 0}, m = {9, 1, 2, 3, 9}, s = {1, 1, 1, 1, 1};
        assertEquals(1.0, BandStatistics.of(t, m, s, 1, 4).trend(), 1e-12);
        assertThrows(IndexOutOfBoundsException.class, () -> BandStatistics.of(t, new double[] {1, 2}, s, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> BandStatistics.of(t, m, s, 3, 1));
        // a light curve's points of unequal lengths: refused by name, not a trend fitted to zeros
        var e = assertThrows(org.tasni.TasniException.class, () -> new LightCurve.Points(new double[] {55000, 55100, 55200},
                new double[] {14, 14.1}, new double[] {0.1, 0.1, 0.1}));
        assertTrue(e.getMessage().contains("3 mjd, 2 mag and 3 err"), e.getMessage());
    }

    /** Stetson 1996 written out plainly: weighted-mean start, down-weighted mean, pairs and singles. */
    static double[] textbookStetson(double[] m1, double[] e1, double[] m2, double[] e2) {
        double[] mean = new double[2];
        int[] n = new int[2];
        double[][] m = {m1, m2}, e = {e1, e2};
        for (int b = 0; b < 2; b++) {
            int[] use = indices(m[b], e[b]);
            n[b] = use.length;
            double w0 = 0, wx0 = 0;
            for (int i : use) {
                w0 += 1 / (e[b][i] * e[b][i]);
                wx0 += m[b][i] / (e[b][i] * e[b][i]);
            }
            double x0 = wx0 / w0;
            for (int it = 0; it < 20; it++) {
                double sw = 0, swx = 0;
                for (int i : indices(m[b], e[b])) {
                    double w = 1 / (e[b][i] * e[b][i]);
                    double w1 = w / (1 + Math.pow(Math.abs(m[b][i] - x0) * Math.sqrt(w) / 2, 2));
                    sw += w1;
                    swx += w1 * m[b][i];
                }
                double diff = swx / sw - x0;
                x0 += diff;
                if (Math.abs(diff) < 1e-6 * Math.abs(x0) || Math.abs(diff) < 1e-6) {
                    break;
                }
            }
            mean[b] = x0;
        }
        double sum = 0;
        int np = 0;
        double[] a = new double[2], q = new double[2];
        for (int i = 0; i < m1.length; i++) {
            double[] d = new double[2];
            boolean[] u = new boolean[2];
            for (int b = 0; b < 2; b++) {
                u[b] = !Double.isNaN(m[b][i]) && e[b][i] > 0;
                if (u[b]) {
                    d[b] = Math.sqrt(n[b] / (n[b] - 1.0)) * (m[b][i] - mean[b]) / e[b][i];
                    a[b] += Math.abs(d[b]);
                    q[b] += d[b] * d[b];
                }
            }
            double p = u[0] && u[1] ? d[0] * d[1] : u[0] ? d[0] * d[0] - 1 : u[1] ? d[1] * d[1] - 1 : Double.NaN;
            if (!Double.isNaN(p)) {
                sum += Math.signum(p) * Math.sqrt(Math.abs(p));
                np++;
            }
        }
        return new double[] {sum / np, a[0] / n[0] / Math.sqrt(q[0] / n[0]), a[1] / n[1] / Math.sqrt(q[1] / n[1])};
    }

    static int[] indices(double[] m, double[] e) {
        return java.util.stream.IntStream.range(0, m.length).filter(i -> !Double.isNaN(m[i]) && e[i] > 0).toArray();
    }

    @Test
    void stetsonAgreesWithTheTextbook() {
        var r = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            int n = 10 + r.nextInt(200);
            double[] m1 = new double[n], e1 = new double[n], m2 = new double[n], e2 = new double[n];
            for (int i = 0; i < n; i++) {
                double common = trial % 2 == 0 ? 0.3 * Math.sin(i / 5.0) : 0;
                e1[i] = r.nextDouble(0.02, 0.1);
                e2[i] = r.nextDouble(0.02, 0.1);
                m1[i] = 14 + common + e1[i] * gauss(r);
                m2[i] = 13 + common + e2[i] * gauss(r);
                if (r.nextDouble() < 0.05) {
                    m1[i] = Double.NaN;
                }
                if (r.nextDouble() < 0.05) {
                    e2[i] = r.nextBoolean() ? 0 : -0.1;
                }
            }
            var res = StetsonIndices.of(m1, e1, m2, e2, 0, n);
            double[] out = {res.j(), res.k1(), res.k2()};
            double[] want = textbookStetson(m1, e1, m2, e2);
            assertArrayEquals(want, out, 1e-9, "trial " + trial);
            if (trial % 2 == 0) {
                assertTrue(out[0] > 1, "correlated variability gives a large J: " + out[0]);
            }
        }
        // every exposure usable in both bands, each one a pair (J's loop without band tests), n odd and even
        for (int n : new int[] {2, 3, 17, 300, 301}) {
            double[] m1 = new double[n], e1 = new double[n], m2 = new double[n], e2 = new double[n];
            for (int i = 0; i < n; i++) {
                e1[i] = r.nextDouble(0.02, 0.1);
                e2[i] = r.nextDouble(0.02, 0.1);
                m1[i] = 14 + 0.2 * Math.sin(i / 3.0) + e1[i] * gauss(r);
                m2[i] = 13 + e2[i] * gauss(r);
            }
            var res = StetsonIndices.of(m1, e1, m2, e2, 0, n);
            assertArrayEquals(textbookStetson(m1, e1, m2, e2), new double[] {res.j(), res.k1(), res.k2()}, 1e-9, "n " + n);
        }
        // Gaussian noise: K ≈ √(2/π)
        double[] m = new double[20000], e = new double[20000], nan = new double[20000];
        Arrays.fill(nan, Double.NaN);
        for (int i = 0; i < m.length; i++) {
            e[i] = 0.05;
            m[i] = 15 + 0.05 * gauss(r);
        }
        var res = StetsonIndices.of(m, e, nan, e, 0, m.length);
        double[] out = {res.j(), res.k1(), res.k2()};
        assertEquals(Math.sqrt(2 / Math.PI), out[1], 0.01);
        assertTrue(Double.isNaN(out[2]));
    }

    @Test
    void legacyStatisticsAreTheReferenceFormulas() {
        double[] t = {0, 100, 200, 300, 400, 500}, m = {14.0, 14.1, Double.NaN, 14.3, 14.2, 14.4};
        double[] s = {0.1, 0.1, 0.1, Double.NaN, 0.0, 0.2};
        LegacyStatistics.Result out = LegacyStatistics.of(t, m, s, 0, 6);
        assertTrue(Double.isNaN(out.rms()), "one NaN magnitude makes numpy's std NaN");
        double mbar = (14.0 + 14.1 + 14.3 + 14.2 + 14.4) / 5; // unweighted, every non-NaN m, even with bad σ
        double chi = (Math.pow((14.0 - mbar) / 0.1, 2) + Math.pow((14.1 - mbar) / 0.1, 2) + Math.pow((14.4 - mbar) / 0.2, 2)) / 2;
        assertEquals(chi, out.chi2(), 1e-12);
        // OLS on the five finite rows, and scipy.stats.linregress's p
        double[] x = {0, 100 / 365.25, 300 / 365.25, 400 / 365.25, 500 / 365.25}, y = {14.0, 14.1, 14.3, 14.2, 14.4};
        var reg = new org.apache.commons.math3.stat.regression.SimpleRegression();
        for (int i = 0; i < 5; i++) {
            reg.addData(x[i], y[i]);
        }
        assertEquals(reg.getSlope(), out.trend(), 1e-12);
        assertEquals(reg.getSignificance(), out.trendP(), 1e-9);
        // the reference's "Stetson J": plain means, ÷ √n
        double[] a = {1, 2, 3, 4}, b = {2, 1, 4, 3}, e = {1, 1, 1, 1};
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double p = (a[i] - 2.5) * (b[i] - 2.5);
            sum += Math.signum(p) * Math.sqrt(Math.abs(p));
        }
        assertEquals(sum / 2, LegacyStatistics.stetsonJ(a, e, b, e, 0, 4), 1e-12);
    }

    /** P(f) = 1 − χ²(f)/χ²₀: the weighted least-squares sinusoid plus constant, solved here by normal equations. */
    static double leastSquaresPower(double[] t, double[] y, double[] dy, double f) {
        int n = t.length;
        RealMatrix ata = MatrixUtils.createRealMatrix(3, 3);
        double[] atb = new double[3];
        double sw = 0, swy = 0;
        for (int i = 0; i < n; i++) {
            double w = 1 / (dy[i] * dy[i]);
            double[] row = {Math.cos(2 * Math.PI * f * t[i]), Math.sin(2 * Math.PI * f * t[i]), 1};
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    ata.addToEntry(a, b, w * row[a] * row[b]);
                }
                atb[a] += w * row[a] * y[i];
            }
            sw += w;
            swy += w * y[i];
        }
        double[] beta = new LUDecomposition(ata).getSolver().solve(MatrixUtils.createRealVector(atb)).toArray();
        double chi0 = 0, chi = 0;
        for (int i = 0; i < n; i++) {
            double w = 1 / (dy[i] * dy[i]);
            double model = beta[0] * Math.cos(2 * Math.PI * f * t[i]) + beta[1] * Math.sin(2 * Math.PI * f * t[i]) + beta[2];
            chi0 += w * Math.pow(y[i] - swy / sw, 2);
            chi += w * Math.pow(y[i] - model, 2);
        }
        return 1 - chi / chi0;
    }

    @Test
    void lombScargleMatchesALeastSquaresSinusoidFit() {
        var r = new SplittableRandom(8);
        int n = 300;
        double[] t = new double[n], y = new double[n], dy = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 56700 + (i / 12) * 182.6 + r.nextDouble(0, 1.0);
            dy[i] = r.nextDouble(0.03, 0.08);
            y[i] = 14 + 0.2 * Math.sin(2 * Math.PI * t[i] / 0.7345) + dy[i] * gauss(r);
        }
        double f0 = 0.001, df = (2.0 - 0.001) / 9999;
        double[] power = new double[10000];
        LombScargle.power(t, y, dy, 0, n, f0, df, 10000, power, new LombScargle.Work());
        for (int k : new int[] {0, 1, 17, 500, 4321, 6801, 9998, 9999}) {
            assertEquals(leastSquaresPower(t, y, dy, f0 + k * df), power[k], 1e-6, "frequency index " + k);
        }
        int best = 0;
        for (int k = 1; k < power.length; k++) {
            if (power[k] > power[best]) {
                best = k;
            }
        }
        // one-day visits every 182.6 d: the highest peak is the injected frequency or one of its cadence aliases
        double fTrue = 1 / 0.7345, fBest = f0 + best * df, k = Math.rint((fBest - fTrue) * 182.6);
        assertTrue(Math.abs(k) <= 10 && Math.abs(fBest - fTrue - k / 182.6) < 2 * df,
                "best " + fBest + " is not the injected " + fTrue + " or a cadence alias");
    }
}
