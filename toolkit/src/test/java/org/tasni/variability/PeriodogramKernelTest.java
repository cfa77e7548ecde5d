package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vectorised periodogram against a direct evaluation written here: every frequency's sums from {@code Math.cos} and
 * {@code Math.sin} of the full phase (no recurrence, no tiling), in one plain loop, for sizes on and off every tile, pair,
 * lane and chunk boundary of {@link PeriodogramKernel}, with and without {@link Math#fma}.
 */
class PeriodogramKernelTest {

    /**
     * The generalised Lomb–Scargle power (Zechmeister &amp; Kürster 2009, eqs. 4–15, floating mean, weights 1/σ²) at
     * frequency f, from scratch: the means and the covariances of y, cos and sin about their weighted means.
     */
    static double direct(double[] t, double[] y, double[] dy, double f) {
        int n = t.length;
        double sw = 0;
        for (int i = 0; i < n; i++) {
            sw += 1 / (dy[i] * dy[i]);
        }
        double my = 0, mc = 0, ms = 0;
        double[] c = new double[n], s = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 / (dy[i] * dy[i]) / sw;
            c[i] = Math.cos(2 * Math.PI * f * t[i]);
            s[i] = Math.sin(2 * Math.PI * f * t[i]);
            my += w[i] * y[i];
            mc += w[i] * c[i];
            ms += w[i] * s[i];
        }
        double yy = 0, yc = 0, ys = 0, cc = 0, ss = 0, cs = 0;
        for (int i = 0; i < n; i++) {
            double dyv = y[i] - my, dc = c[i] - mc, ds = s[i] - ms;
            yy += w[i] * dyv * dyv;
            yc += w[i] * dyv * dc;
            ys += w[i] * dyv * ds;
            cc += w[i] * dc * dc;
            ss += w[i] * ds * ds;
            cs += w[i] * dc * ds;
        }
        double d = cc * ss - cs * cs;
        return (ss * yc * yc + cc * ys * ys - 2 * cs * yc * ys) / (yy * d);
    }

    /**
     * NEOWISE-like sampling: visits within a day, every 182.6 days, times as large as real mjds; at least 4 visits, so that
     * the lowest frequencies are not the ill-conditioned 0/0 of points all within one day (where any two evaluations
     * disagree).
     */
    static double[][] visits(long seed, int n) {
        var r = new SplittableRandom(seed);
        int perVisit = Math.max(1, Math.min(12, n / 4));
        double[] t = new double[n], y = new double[n], dy = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 56700 + (i / perVisit) * 182.6 + r.nextDouble(0, 1.0);
            dy[i] = r.nextDouble(0.03, 0.08);
            y[i] = 14 + 0.2 * Math.sin(2 * Math.PI * t[i] / 0.7345) + dy[i] * KernelsTest.gauss(r);
        }
        return new double[][] {t, y, dy};
    }

    @Test
    void everyFrequencyMatchesADirectEvaluation() {
        int chunk = PeriodogramKernel.CHUNK, lanes = PeriodogramKernel.LANES, tile = PeriodogramKernel.TILE;
        int[][] cases = {{4, 1}, {5, lanes - 1}, {tile - 1, lanes + 1}, {tile, 2 * lanes}, {tile + 1, chunk},
            {2 * tile + 3, chunk + 1}, {300, 10_000}};
        for (boolean fused : new boolean[] {true, false}) {
            for (int[] c : cases) {
                int n = c[0], nf = c[1];
                double[][] lc = visits(n * 31L + nf, n);
                double f0 = 0.001, df = nf > 1 ? (2.0 - 0.001) / (nf - 1) : 0.1;
                // a guard on each side: nothing may be written outside [at, at + nf)
                double[] power = new double[nf + 2];
                power[0] = -7;
                power[nf + 1] = -7;
                LombScargle.power(lc[0], lc[1], lc[2], 0, n, f0, df, nf, power, 1, new LombScargle.Work(), fused);
                assertEquals(-7, power[0]);
                assertEquals(-7, power[nf + 1]);
                double worst = 0;
                for (int k = 0; k < nf; k++) {
                    double want = Math.min(1, Math.max(0, direct(lc[0], lc[1], lc[2], f0 + k * df)));
                    worst = Math.max(worst, Math.abs(want - power[1 + k]));
                }
                assertTrue(worst < 1e-9, "n " + n + ", nf " + nf + ", fused " + fused + ": max |ΔP| " + worst);
            }
        }
    }

    @Test
    void aWorkObjectServesLightCurvesOfAnySizeInTurn() {
        var work = new LombScargle.Work();
        for (int n : new int[] {300, 7, 120, 301}) {
            double[][] lc = visits(n, n);
            double[] power = new double[500];
            LombScargle.power(lc[0], lc[1], lc[2], 0, n, 0.01, 0.003, 500, power, work);
            for (int k : new int[] {0, 63, 64, 250, 499}) {
                assertEquals(direct(lc[0], lc[1], lc[2], 0.01 + k * 0.003), power[k], 1e-9, "n " + n + ", k " + k);
            }
        }
    }

    @Test
    void aSliceOfLongerArraysIsItsOwnLightCurve() {
        double[][] lc = visits(3, 100);
        int from = 17, to = 80;
        double[] t = Arrays.copyOfRange(lc[0], from, to), y = Arrays.copyOfRange(lc[1], from, to),
                dy = Arrays.copyOfRange(lc[2], from, to);
        double[] power = new double[200];
        LombScargle.power(lc[0], lc[1], lc[2], from, to, 0.002, 0.01, 200, power, new LombScargle.Work());
        for (int k = 0; k < 200; k += 13) {
            assertEquals(direct(t, y, dy, 0.002 + k * 0.01), power[k], 1e-9, "k " + k);
        }
    }
}
