package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

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

    /**
     * Two bands at the same times, computed together, give each band's powers exactly as computed alone (the sums are
     * the same numbers added in the same order), and each band's own (its weights, not the other's): a direct evaluation
     * of each agrees to 1e-9, for sizes on and off the tile, pair, lane and chunk boundaries, with and without fma.
     */
    @Test
    void twoBandsAtTheSameTimesGiveEachBandsOwnPowers() {
        int chunk = PeriodogramKernel.CHUNK, lanes = PeriodogramKernel.LANES, tile = PeriodogramKernel.TILE;
        int[][] cases = {{5, lanes - 1}, {tile + 1, chunk + 1}, {2 * tile + 3, 2 * lanes + 5}, {300, 10_000}};
        var work = new LombScargle.Work();
        for (boolean fused : new boolean[] {true, false}) {
            for (int[] c : cases) {
                int n = c[0], nf = c[1];
                double[][] a = visits(n * 7L + nf, n), b = visits(n * 7L + nf + 1, n);
                double[] t = a[0], y2 = b[1].clone(), dy2 = b[2].clone();
                for (int i = 0; i < n; i++) {
                    // band 2: another period and errors up to 4x band 1's, so that swapped weights would show
                    y2[i] = 13 + 0.3 * Math.sin(2 * Math.PI * t[i] / 3.1) + dy2[i] * Math.cos(i);
                    dy2[i] *= 1 + 3 * (i % 5) / 4.0;
                }
                double f0 = 0.001, df = (2.0 - 0.001) / (nf - 1);
                double[] p1 = new double[nf + 2], p2 = new double[nf + 2], alone1 = new double[nf + 2],
                        alone2 = new double[nf + 2];
                p1[0] = p1[nf + 1] = p2[0] = p2[nf + 1] = alone1[0] = alone1[nf + 1] = alone2[0] = alone2[nf + 1] = -7;
                LombScargle.powerPair(t, a[1], a[2], y2, dy2, 0, n, f0, df, nf, p1, p2, 1, work, fused);
                LombScargle.power(t, a[1], a[2], 0, n, f0, df, nf, alone1, 1, work, fused);
                LombScargle.power(t, y2, dy2, 0, n, f0, df, nf, alone2, 1, work, fused);
                String what = "n " + n + ", nf " + nf + ", fused " + fused;
                assertArrayEquals(alone1, p1, 0, what + ", band 1");
                assertArrayEquals(alone2, p2, 0, what + ", band 2");
                for (int k = 0; k < nf; k += 1 + nf / 500) {
                    double f = f0 + k * df;
                    assertEquals(Math.min(1, Math.max(0, direct(t, a[1], a[2], f))), p1[1 + k], 1e-9, what + ", band 1, k " + k);
                    assertEquals(Math.min(1, Math.max(0, direct(t, y2, dy2, f))), p2[1 + k], 1e-9, what + ", band 2, k " + k);
                }
            }
        }
    }

    /** A constant band beside a varying one at the same times: NaN for it, the other's powers unchanged. */
    @Test
    void aConstantBandBesideAVaryingOneIsNaNAlone() {
        double[][] a = visits(11, 120);
        int n = 120, nf = 700;
        double[] flat = new double[n], p1 = new double[nf], p2 = new double[nf], alone = new double[nf];
        Arrays.fill(flat, 12.5);
        var work = new LombScargle.Work();
        LombScargle.powerPair(a[0], flat, a[2], a[1], a[2], 0, n, 0.002, 0.003, nf, p1, p2, 0, work, true);
        LombScargle.power(a[0], a[1], a[2], 0, n, 0.002, 0.003, nf, alone, 0, work, true);
        assertTrue(Arrays.stream(p1).allMatch(Double::isNaN));
        assertArrayEquals(alone, p2, 0);
    }

    /**
     * Two bands that each lack some of the other's times (as when one band's magnitude is unusable in an exposure),
     * computed together on the union of their times with weight 0 where a band has no point: each band's powers are
     * its own (those of its points alone, and a direct evaluation's) to 1e-9; too few shared times: not paired.
     */
    @Test
    void bandsMissingSomeTimesArePairedOnTheUnion() {
        int n = 300, nf = 5000;
        double[][] a = visits(21, n);
        var b1 = keep(new LightCurve.Points(a[0], a[1], a[2]), i -> true); // sorted by time, as a run's points are
        a = new double[][] {b1.mjd(), b1.mag(), b1.err()};
        double[] y2 = new double[n], dy2 = new double[n];
        for (int i = 0; i < n; i++) {
            y2[i] = 13 + 0.3 * Math.sin(2 * Math.PI * a[0][i] / 3.1) + 0.05 * Math.cos(i);
            dy2[i] = 0.02 + 0.01 * (i % 7);
        }
        var full2 = new LightCurve.Points(a[0], y2, dy2);
        // W1 without its first point and every 13th; W2 without every 9th (the first and last times are shared or not)
        LightCurve.Points p1 = keep(b1, i -> i > 0 && i % 13 != 5), p2 = keep(full2, i -> i % 9 != 4);
        LightCurve.Points[] u = PeriodSearch.onUnion(p1, p2);
        int inEither = (int) java.util.stream.IntStream.range(0, n).filter(i -> (i > 0 && i % 13 != 5) || i % 9 != 4).count();
        assertEquals(inEither, u[0].size());
        assertEquals(n - 3, inEither); // i = 31, 148, 265 are in neither
        double f0 = 0.001, df = 2.0 / nf;
        double[] pair1 = new double[nf], pair2 = new double[nf], alone1 = new double[nf], alone2 = new double[nf];
        var work = new LombScargle.Work();
        LombScargle.powerPair(u[0].mjd(), u[0].mag(), u[0].err(), u[1].mag(), u[1].err(), 0, inEither, f0, df, nf, pair1,
                pair2, 0, work, true);
        LombScargle.power(p1.mjd(), p1.mag(), p1.err(), 0, p1.size(), f0, df, nf, alone1, 0, work, true);
        LombScargle.power(p2.mjd(), p2.mag(), p2.err(), 0, p2.size(), f0, df, nf, alone2, 0, work, true);
        for (int k = 0; k < nf; k++) {
            assertEquals(alone1[k], pair1[k], 1e-9, "band 1, k " + k);
            assertEquals(alone2[k], pair2[k], 1e-9, "band 2, k " + k);
        }
        for (int k = 0; k < nf; k += 97) {
            double f = f0 + k * df;
            assertEquals(Math.min(1, Math.max(0, direct(p1.mjd(), p1.mag(), p1.err(), f))), pair1[k], 1e-9, "k " + k);
            assertEquals(Math.min(1, Math.max(0, direct(p2.mjd(), p2.mag(), p2.err(), f))), pair2[k], 1e-9, "k " + k);
        }
        // the first half of the times against the second: a union of twice either band is not worth sharing
        assertNull(PeriodSearch.onUnion(keep(b1, i -> i < n / 2), keep(full2, i -> i >= n / 2)));
    }

    /** The points of b whose index passes {@code which}, sorted by time. */
    private static LightCurve.Points keep(LightCurve.Points b, java.util.function.IntPredicate which) {
        int[] idx = java.util.stream.IntStream.range(0, b.size()).filter(which).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> b.mjd()[i])).mapToInt(i -> i).toArray();
        double[] t = new double[idx.length], y = new double[idx.length], e = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            t[k] = b.mjd()[idx[k]];
            y[k] = b.mag()[idx[k]];
            e[k] = b.err()[idx[k]];
        }
        return new LightCurve.Points(t, y, e);
    }

    /**
     * Through {@link Periodogram#run}: a source whose W1 and W2 share their times (computed together, the same powers
     * exactly), one whose W2 lacks an epoch inside the span (together on the union of times, to rounding) and one whose
     * W2 lacks the last epoch (another grid: computed apart) each get, per band, the peak of that band's own spectrum
     * (computed alone), with periods far apart in the two bands so that a band given the other's powers would fail.
     */
    @Test
    void eachBandOfARunIsItsOwnSpectrumsPeak() {
        var r = new VariabilityHostileInputTest.Rows();
        PeriodogramHostileInputTest.dense(r, "SAME", 5, new double[] {0.2, 3.7}, new double[] {0.2, 11.3});
        PeriodogramHostileInputTest.dense(r, "APART", 6, new double[] {0.2, 5.3}, new double[] {0.2, 2.9});
        r.add("APART", 57401, 14, 0.01, Double.NaN, 0.01);
        PeriodogramHostileInputTest.dense(r, "GAP", 7, new double[] {0.2, 7.9}, new double[] {0.2, 1.7});
        r.add("GAP", 57200.01, 14, 0.01, Double.NaN, 0.01);
        Table epochs = r.table();
        Periodogram p = Periodogram.of(PeriodogramConfig.standard()).threads(2);
        Table run = p.run(epochs);
        for (int row = 0; row < 3; row++) {
            String id = run.stringColumn("designation").get(row);
            for (Band b : Band.values()) {
                DoubleColumn power = p.spectrum(epochs, id, b).doubleColumn("power");
                assertEquals(power.max(), run.doubleColumn(b.prefix() + "best_power").get(row), id.equals("GAP") ? 1e-9 : 0,
                        id + " " + b);
            }
        }
        double[] want = {3.7, 11.3};
        for (Band b : Band.values()) {
            assertEquals(want[b.ordinal()], run.where(run.stringColumn("designation").isEqualTo("SAME"))
                    .doubleColumn(b.prefix() + "best_period").get(0), 0.05, "SAME " + b);
        }
    }
}
