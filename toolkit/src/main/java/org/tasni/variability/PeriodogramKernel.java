package org.tasni.variability;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The six weighted sums of the generalised Lomb–Scargle periodogram on a linear frequency grid, exactly (no
 * extirpolation), laid out so that HotSpot's C2 vectorises them: {@link LombScargle#power} combines the sums into powers.
 * For normalised weights w, ŷ = y − Σwy and, at each frequency, c = cos ωt, s = sin ωt, the sums are
 * <pre>  Σwc, Σws, Σwŷc, Σwŷs, Σwc², Σwcs</pre>
 *
 * <p>Why this shape. A loop over points that adds into six scalars is a reduction, and C2 keeps a reduction's order
 * (floating-point addition does not reassociate), so it runs one add after another at the adder's latency, about four
 * cycles per point and frequency. Here the vector lanes are frequencies instead: each point carries the cos and sin of
 * {@link #LANES} consecutive frequencies, and each sum is an array over those frequencies, so every loop is element-wise
 * ({@code sum[j] += w·c[j]}) and vectorises. Moving to the next block of frequencies rotates each point's lanes by the
 * angle LANES·Δω (angle addition, no trigonometric call). Points go in tiles of {@link #TILE}, whose cos/sin lanes stay in
 * the L1 cache while the tile walks every block of the chunk; the sums of a chunk stay in L2. Two points share one pass
 * over the sums, which halves their loads and stores. A point's cos and sin lanes are one array (cos, then sin) and a
 * block's six sums are one array (six runs of LANES), so that a pass over two points reads three arrays, not ten: the
 * same arithmetic in the same order, and 10–25% faster (single thread, old and new kernels alternating in one JVM;
 * a 64-lane loop over ten arrays costs more than its loads and stores, measured at 0.49 against 0.38 ns per point and
 * lane for the two-point pass alone). Two things keep C2 vectorising (HotSpot 17 and 25 alike, measured):
 * the rotation is a loop of its own (a loop that both reads the lanes into the sums and writes them back is left
 * scalar), and the sums use {@link Math#fma} where the hardware has it (the plain {@code a += w·c} form of the two-point
 * pass is left scalar). Two bands measured at the same times (NEOWISE's W1 and W2) share one tile's lanes, seeds and
 * rotations: each block of the tile adds the first band's sums, then the second's, then rotates (one loop adding both
 * bands' twelve sums is past C2's unrolling limit and stays scalar; with the limit raised it is no faster).
 *
 * <p>Rounding: a chunk of {@link #CHUNK} frequencies starts from cos/sin computed directly; within it a lane is seeded by
 * at most GROUP − 1 rotations by Δω and one product with a step of q·GROUP·Δω (itself at most GROUPS − 2 rotations from
 * a directly computed one), and then rotated at most CHUNK/LANES − 1 times, each rotation adding ~1e-16. Powers differ
 * from a direct evaluation by ~1e-12 (tested to 1e-9).
 *
 * <p>What does not depend on the frequency is computed once per light curve, not once per chunk: each point's cos and
 * sin of Δω·t, of the group steps and of the rotation angle LANES·Δω·t ({@code steps}). A chunk's seeds then cost two
 * trigonometric calls per point and no long chain of dependent multiplications.
 */
final class PeriodogramKernel {

    /** Frequencies per block: the vector lanes of every loop (a multiple of any vector width: 8 doubles on AVX-512). */
    static final int LANES = 64;
    /** Points per tile: their cos/sin lanes (2 × TILE × LANES doubles, 32 KiB) stay in L1 while a tile is processed. */
    static final int TILE = 32;
    /** Blocks per chunk: a chunk's six sums (6 × CHUNK doubles, 192 KiB) stay in L2 while every tile adds to them. */
    static final int BLOCKS = 64;
    /** Frequencies per chunk; each chunk restarts the rotation from directly computed cos and sin. */
    static final int CHUNK = LANES * BLOCKS;
    /**
     * Lanes seeded by one chain of rotations by Δω: a chain is a sequence of dependent multiplications, so a point's
     * LANES seeds come from GROUP chained lanes times GROUPS stored steps of GROUP·Δω, products that do not wait on
     * one another (and carry at most GROUP − 1 + GROUPS − 1 roundings, not LANES − 1).
     */
    static final int GROUP = 8;
    /** Groups of lanes per block. */
    static final int GROUPS = LANES / GROUP;

    /** Whether the JVM compiles {@link Math#fma} to an instruction; without one it is a slow exact software routine. */
    static final boolean FUSED = fusedMultiplyAdd();

    private PeriodogramKernel() {}

    private static boolean fusedMultiplyAdd() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or no such flag: the plain form is correct everywhere
        }
    }

    /** Per-thread work arrays, reused from light curve to light curve. */
    static final class Work {
        /** Normalised weights and weighted deviations: band 0's, then (two bands at one set of times) band 1's. */
        double[] w = new double[0], wy = new double[0], w2 = new double[0], wy2 = new double[0];
        /**
         * Each tile point's lanes, cos at {@code [0, LANES)} and sin at {@code [LANES, 2·LANES)} of one array: a loop
         * then reads two arrays per pair of points instead of four (fewer arrays, faster loops: see the class comment).
         */
        final double[][] cs = new double[TILE][2 * LANES];
        /**
         * Per point, what every chunk of the grid reuses (the angles depend on Δω and t only): cos and sin of Δω·t
         * ({@code cd}, {@code sd}), of {@code LANES}·Δω·t (the rotation between blocks: {@code cb}, {@code sb}), and of
         * q·{@code GROUP}·Δω·t for q = 0 … GROUPS − 1 (at {@code i·GROUPS + q} of {@code gc}, {@code gs}).
         */
        double[] cd = new double[0], sd = new double[0], cb = new double[0], sb = new double[0], gc = new double[0],
                gs = new double[0];
        /**
         * The six sums of each band, [block][q·LANES + lane] for q = 0 … 5: Σwc, Σws, Σwŷc, Σwŷs, Σwc², Σwcs, one array
         * per block (band 1's made when needed).
         */
        final double[][][] sums = {new double[BLOCKS][6 * LANES], null};

        void ensure(int n) {
            if (w.length < n) {
                w = new double[n];
                wy = new double[n];
            }
        }

        private void ensureSteps(int n) {
            if (cd.length < n) {
                cd = new double[n];
                sd = new double[n];
                cb = new double[n];
                sb = new double[n];
                gc = new double[n * GROUPS];
                gs = new double[n * GROUPS];
            }
        }

        /** Room for a second band of n points. */
        void ensureSecond(int n) {
            if (w2.length < n) {
                w2 = new double[n];
                wy2 = new double[n];
            }
            if (sums[1] == null) {
                sums[1] = new double[BLOCKS][6 * LANES];
            }
        }
    }

    /** Receives a chunk's sums, block by block. */
    interface Sink {
        /**
         * The sums at frequency indices {@code k … k + m − 1} of the grid: at {@code q·LANES + j}, j = 0 … m − 1, of
         * {@code sums}, Σwc (q = 0), Σws, Σwŷc, Σwŷs, Σwc², Σwcs (q = 5); an array the kernel reuses: read it before
         * returning.
         */
        void accept(int k, int m, double[] sums);
    }

    /**
     * The sums at f0 + k·df, k = 0 … nf − 1, of n points with times {@code tt} (relative to the first point, which keeps
     * the phases small), normalised weights {@code work.w[0..n)} and weighted deviations {@code work.wy[0..n)}.
     */
    static void sums(double[] tt, int n, double f0, double df, int nf, Work work, boolean fused, Sink sink) {
        sums(tt, n, f0, df, nf, work, fused, sink, null);
    }

    /**
     * As above, and, when {@code second} is not null, the same sums of a second band measured at the same times, with
     * weights {@code work.w2} and deviations {@code work.wy2} (after {@link Work#ensureSecond}). NEOWISE measures W1 and
     * W2 in the same exposures: the cos/sin lanes, their seeds and rotations, are then computed once for both bands, and
     * each band's sums are added exactly as they would be alone (the same values in the same order: the same powers).
     */
    static void sums(double[] tt, int n, double f0, double df, int nf, Work work, boolean fused, Sink sink, Sink second) {
        sums(tt, n, f0, df, nf, work, fused, sink, second, null);
    }

    /** As above, telling {@code chunkDone} the number of frequencies of each chunk once its sums have been passed on. */
    static void sums(double[] tt, int n, double f0, double df, int nf, Work work, boolean fused, Sink sink, Sink second,
            IntConsumer chunkDone) {
        int bands = second == null ? 1 : 2;
        steps(tt, n, df, work);
        for (int k0 = 0; k0 < nf; k0 += CHUNK) {
            int m = Math.min(CHUNK, nf - k0);
            chunk(tt, n, f0 + k0 * df, df, (m + LANES - 1) / LANES, work, fused, bands);
            for (int band = 0; band < bands; band++) {
                double[][] q = work.sums[band];
                Sink out = band == 0 ? sink : second;
                for (int k = 0, b = 0; k < m; k += LANES, b++) {
                    out.accept(k0 + k, Math.min(LANES, m - k), q[b]);
                }
            }
            if (chunkDone != null) {
                chunkDone.accept(m);
            }
        }
    }

    /** Each point's {@link Work} steps: cos and sin of Δω·t, of the groups' offsets and of the rotation between blocks. */
    private static void steps(double[] tt, int n, double df, Work work) {
        work.ensureSteps(n);
        for (int i = 0; i < n; i++) {
            double d = 2 * Math.PI * df * tt[i], e = d * GROUP;
            work.cd[i] = Math.cos(d);
            work.sd[i] = Math.sin(d);
            work.cb[i] = Math.cos(d * LANES);
            work.sb[i] = Math.sin(d * LANES);
            // q·GROUP·Δω·t by a chain of at most GROUPS − 1 rotations, once per light curve
            double ce = Math.cos(e), se = Math.sin(e), cq = 1, sq = 0;
            for (int q = 0; q < GROUPS; q++) {
                work.gc[i * GROUPS + q] = cq;
                work.gs[i * GROUPS + q] = sq;
                double cn = cq * ce - sq * se;
                sq = sq * ce + cq * se;
                cq = cn;
            }
        }
    }

    /** The sums of {@code blocks} blocks of LANES frequencies from f0, of 1 or 2 bands, into {@code work.sums}. */
    private static void chunk(double[] tt, int n, double f0, double df, int blocks, Work work, boolean fused, int bands) {
        for (int band = 0; band < bands; band++) {
            for (int b = 0; b < blocks; b++) {
                Arrays.fill(work.sums[band][b], 0);
            }
        }
        double[][] c = work.cs;
        double[] cb = work.cb, sb = work.sb;
        for (int p0 = 0; p0 < n; p0 += TILE) {
            int pn = Math.min(TILE, n - p0);
            for (int p = 0; p < pn; p++) {
                seed(tt[p0 + p], f0, work, p0 + p, c[p]);
            }
            for (int b = 0; b < blocks; b++) {
                // each band in its own pass over the tile's lanes, which are still in L1 (one loop adding both bands'
                // twelve sums would load each lane once instead of twice, but loads are not what limits this loop)
                for (int band = 0; band < bands; band++) {
                    add(c, p0, pn, band == 0 ? work.w : work.w2, band == 0 ? work.wy : work.wy2, work.sums[band][b],
                            fused);
                }
                if (b == blocks - 1) {
                    break; // the chunk's last block: its lanes are not rotated for a next one
                }
                // two points per loop, as in the sums: a 64-lane loop's entry and exit cost as much as a third of
                // its work, and the rotation is a quarter of the kernel's time
                int p = 0;
                for (; p + 1 < pn; p += 2) {
                    int i = p0 + p;
                    if (fused) {
                        rotatePairFused(c[p], cb[i], sb[i], c[p + 1], cb[i + 1], sb[i + 1]);
                    } else {
                        rotatePair(c[p], cb[i], sb[i], c[p + 1], cb[i + 1], sb[i + 1]);
                    }
                }
                if (p < pn) {
                    rotate(c[p], cb[p0 + p], sb[p0 + p], fused);
                }
            }
        }
    }

    /** One band's sums of the tile's points p0 … p0 + pn − 1 at one block of frequencies, two points per pass. */
    private static void add(double[][] c, int p0, int pn, double[] w, double[] wy, double[] a, boolean fused) {
        int p = 0;
        for (; p + 1 < pn; p += 2) {
            int i = p0 + p;
            if (fused) {
                addPairFused(c[p], w[i], wy[i], c[p + 1], w[i + 1], wy[i + 1], a);
            } else {
                addPair(c[p], w[i], wy[i], c[p + 1], w[i + 1], wy[i + 1], a);
            }
        }
        if (p < pn) {
            addOne(c[p], w[p0 + p], wy[p0 + p], a);
        }
    }

    /**
     * cos and sin of 2π(f0 + j·df)·t for the lanes j = 0 … LANES − 1 of point i (time t): the first GROUP lanes by a
     * chain of rotations by Δω·t from the directly computed angle, the others as those times the point's group steps.
     */
    private static void seed(double t, double f0, Work work, int i, double[] c) {
        double a = 2 * Math.PI * f0 * t, cd = work.cd[i], sd = work.sd[i];
        double ci = Math.cos(a), si = Math.sin(a);
        for (int j = 0; j < GROUP; j++) {
            c[j] = ci;
            c[LANES + j] = si;
            double cn = ci * cd - si * sd;
            si = si * cd + ci * sd;
            ci = cn;
        }
        double[] gc = work.gc, gs = work.gs;
        for (int q = 1; q < GROUPS; q++) {
            double cq = gc[i * GROUPS + q], sq = gs[i * GROUPS + q];
            for (int j = 0; j < GROUP; j++) {
                c[q * GROUP + j] = c[j] * cq - c[LANES + j] * sq;
                c[LANES + q * GROUP + j] = c[LANES + j] * cq + c[j] * sq;
            }
        }
    }

    // The loops below are the hot path: element-wise over the lanes, with the trip count a constant, so that C2
    // unrolls and vectorises them. Keep them this plain.

    private static void addPairFused(double[] c1, double w1, double y1, double[] c2, double w2, double y2, double[] a) {
        for (int j = 0; j < LANES; j++) {
            double x1 = c1[j], z1 = c1[LANES + j], x2 = c2[j], z2 = c2[LANES + j], u1 = w1 * x1, u2 = w2 * x2;
            a[j] += u1 + u2;
            a[LANES + j] = Math.fma(w1, z1, Math.fma(w2, z2, a[LANES + j]));
            a[2 * LANES + j] = Math.fma(y1, x1, Math.fma(y2, x2, a[2 * LANES + j]));
            a[3 * LANES + j] = Math.fma(y1, z1, Math.fma(y2, z2, a[3 * LANES + j]));
            a[4 * LANES + j] = Math.fma(u1, x1, Math.fma(u2, x2, a[4 * LANES + j]));
            a[5 * LANES + j] = Math.fma(u1, z1, Math.fma(u2, z2, a[5 * LANES + j]));
        }
    }

    private static void addPair(double[] c1, double w1, double y1, double[] c2, double w2, double y2, double[] a) {
        for (int j = 0; j < LANES; j++) {
            double x1 = c1[j], z1 = c1[LANES + j], x2 = c2[j], z2 = c2[LANES + j], u1 = w1 * x1, u2 = w2 * x2;
            a[j] += u1 + u2;
            a[LANES + j] += w1 * z1 + w2 * z2;
            a[2 * LANES + j] += y1 * x1 + y2 * x2;
            a[3 * LANES + j] += y1 * z1 + y2 * z2;
            a[4 * LANES + j] += u1 * x1 + u2 * x2;
            a[5 * LANES + j] += u1 * z1 + u2 * z2;
        }
    }

    private static void addOne(double[] c1, double w1, double y1, double[] a) {
        for (int j = 0; j < LANES; j++) {
            double x1 = c1[j], z1 = c1[LANES + j], u1 = w1 * x1;
            a[j] += u1;
            a[LANES + j] += w1 * z1;
            a[2 * LANES + j] += y1 * x1;
            a[3 * LANES + j] += y1 * z1;
            a[4 * LANES + j] += u1 * x1;
            a[5 * LANES + j] += u1 * z1;
        }
    }

    private static void rotatePairFused(double[] c1, double cd1, double sd1, double[] c2, double cd2, double sd2) {
        for (int j = 0; j < LANES; j++) {
            double x1 = c1[j], z1 = c1[LANES + j], x2 = c2[j], z2 = c2[LANES + j];
            c1[j] = Math.fma(x1, cd1, -z1 * sd1);
            c1[LANES + j] = Math.fma(z1, cd1, x1 * sd1);
            c2[j] = Math.fma(x2, cd2, -z2 * sd2);
            c2[LANES + j] = Math.fma(z2, cd2, x2 * sd2);
        }
    }

    private static void rotatePair(double[] c1, double cd1, double sd1, double[] c2, double cd2, double sd2) {
        for (int j = 0; j < LANES; j++) {
            double x1 = c1[j], z1 = c1[LANES + j], x2 = c2[j], z2 = c2[LANES + j];
            c1[j] = x1 * cd1 - z1 * sd1;
            c1[LANES + j] = z1 * cd1 + x1 * sd1;
            c2[j] = x2 * cd2 - z2 * sd2;
            c2[LANES + j] = z2 * cd2 + x2 * sd2;
        }
    }

    /** One point's rotation (a tile's odd last point). */
    private static void rotate(double[] c, double cd, double sd, boolean fused) {
        for (int j = 0; j < LANES; j++) {
            double ci = c[j], si = c[LANES + j];
            c[j] = fused ? Math.fma(ci, cd, -si * sd) : ci * cd - si * sd;
            c[LANES + j] = fused ? Math.fma(si, cd, ci * sd) : si * cd + ci * sd;
        }
    }
}
