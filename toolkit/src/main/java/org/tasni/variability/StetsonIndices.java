package org.tasni.variability;

import org.tasni.io.DropReason;

/**
 * Stetson (1996) variability indices J and K of one light curve with simultaneous W1 and W2 exposures.
 *
 * <p>Each band has a robust mean m̄: Stetson's iterative down-weighting with α = β = 2,
 * w_i = σ_i⁻² / (1 + (|m_i − m̄|/(α σ_i))^β), started, as Stetson does, from the inverse-variance weighted mean, with
 * cesium's stopping rule ({@code stetson_mean}: at most 20 iterations, |Δ| &lt; 1e-6 relative or absolute; cesium
 * starts from the median instead, which costs a selection per band and reaches the same fixed point)
 * and normalised residuals δ_i = √(n/(n−1)) (m_i − m̄)/σ_i. An exposure with both bands usable is a pair with
 * P = δ_W1 δ_W2; an exposure with one usable band has P = δ² − 1. Then
 * <pre>  J = Σ sgn(P) √|P| / (number of P),    K = (1/n) Σ|δ| / √((1/n) Σ δ²)  (per band)</pre>
 * (all weights 1). For Gaussian noise J ≈ 0 and K ≈ √(2/π) ≈ 0.798; K is Stetson's, not divided by 0.798.
 * An epoch with a NaN magnitude or σ ≤ 0 is not used in its band. With fewer than two usable epochs in a band its K
 * is NaN and its epochs do not enter J.
 *
 * <p>This is not the tasni-legacy "Stetson J", which divides by √n and uses plain means ({@link LegacyStatistics}).
 *
 * <p>Reference: Stetson, P. B. 1996, PASP 108, 851 (1996PASP..108..851S, doi:10.1086/133808).
 */
final class StetsonIndices {

    /**
     * J, and K per band.
     *
     * @param j  Stetson's J over both bands
     * @param k1 K of W1
     * @param k2 K of W2
     */
    record Result(double j, double k1, double k2) {}

    /** J and K for many light curves, slot k for light curve k (a loop over sources allocates nothing per source). */
    static final class PerSource {
        final double[] j, k1, k2;

        PerSource(int size) {
            j = new double[size];
            k1 = new double[size];
            k2 = new double[size];
        }

        Result get(int k) {
            return new Result(j[k], k1[k], k2[k]);
        }
    }

    /**
     * Working arrays of one thread, grown and never shrunk: per band the usable epochs compacted (magnitude, σ) when
     * the caller has not compacted them, their 1/σ, 1/σ² and normalised residuals δ, and per exposure which bands are
     * usable.
     */
    static final class Work {
        double[][] m = new double[2][], e = new double[2][], inv = new double[2][], inv2 = new double[2][],
                delta = new double[2][];
        /** One band's down-weighted weights of one iteration of the robust mean. */
        double[] weight = new double[0];
        /** Those weights times the magnitudes. */
        double[] weightedMag = new double[0];
        byte[] bands = new byte[0];
        /** Per band: the usable epochs, and K. */
        final int[] n = new int[2];
        final double[] k = new double[2];
        /** The last band's Σ σ⁻² and Σ σ⁻² m: the robust mean's start, summed as 1/σ² is computed. */
        double sw, swm;

        void ensure(int n) {
            if (bands.length >= n) {
                return;
            }
            int c = Math.max(n, 2 * bands.length);
            for (double[][] a : new double[][][] {m, e, inv, inv2, delta}) {
                a[0] = new double[c];
                a[1] = new double[c];
            }
            bands = new byte[c];
            weight = new double[c];
            weightedMag = new double[c];
        }
    }

    private StetsonIndices() {}

    /** J and K over exposures {@code [from, to)}; NaN marks an unusable magnitude or error. */
    static Result of(double[] m1, double[] e1, double[] m2, double[] e2, int from, int to) {
        PerSource one = new PerSource(1);
        into(m1, e1, m2, e2, from, to, new Work(), one, 0);
        return one.get(0);
    }

    /** J and K over exposures {@code [from, to)} written into slot {@code k} of {@code out}, with a thread's work arrays. */
    static void into(double[] m1, double[] e1, double[] m2, double[] e2, int from, int to, Work w, PerSource out, int k) {
        w.ensure(to - from);
        w.n[0] = compact(m1, e1, from, to, w, 0);
        w.n[1] = compact(m2, e2, from, to, w, 1);
        ofCompacted(w.m, w.e, w.n, w.bands, to - from, w, out, k);
    }

    /**
     * J and K from bands already compacted, written into slot {@code k} of {@code out}: the usable epochs of band b are
     * {@code m[b][0, n[b])}, {@code e[b][0, n[b])}, in time order, and {@code bands[x]} has bit b set where exposure x
     * of the {@code exposures} is usable in band b. The caller that has compacted them for other statistics (the
     * standard method) saves Stetson's own pass.
     */
    static void ofCompacted(double[][] m, double[][] e, int[] n, byte[] bands, int exposures, Work w, PerSource out, int k) {
        w.ensure(exposures);
        // one loop over the bands, not the same calls written twice: half the code for the JIT to compile on a first call
        for (int b = 0; b < 2; b++) {
            int nb = n[b];
            w.n[b] = nb;
            if (nb >= 2) {
                inverses(e[b], m[b], nb, w, b);
                // the δ of each usable epoch stays in w.delta for J
                w.k[b] = deltasAndK(m[b], e[b], w.delta[b], nb, Math.sqrt(nb / (nb - 1.0)), robustMean(m[b], w, b, nb));
            } else {
                w.k[b] = Double.NaN;
            }
        }
        out.j[k] = j(w, bands, exposures, w.n[0] >= 2, w.n[1] >= 2);
        out.k1[k] = w.k[0];
        out.k2[k] = w.k[1];
    }

    /** Whether an epoch can enter the weighted statistics: a finite magnitude with a usable error (DropReason's rule). */
    static boolean usable(double m, double e) {
        return Double.isFinite(m) && DropReason.usableError(e);
    }

    /** Compacts the usable epochs of band b into the work arrays, marks them in {@code w.bands}; returns their number. */
    private static int compact(double[] m, double[] e, int from, int to, Work w, int b) {
        double[] cm = w.m[b], ce = w.e[b];
        byte[] bands = w.bands;
        byte bit = (byte) (1 << b);
        int k = 0;
        for (int i = from, x = 0; i < to; i++, x++) {
            if (usable(m[i], e[i])) {
                cm[k] = m[i];
                ce[k] = e[i];
                k++;
                bands[x] = (byte) (b == 0 ? bit : bands[x] | bit);
            } else if (b == 0) {
                bands[x] = 0;
            }
        }
        return k;
    }

    /** 1/σ and 1/σ² of band b's n epochs into the work arrays, with the inverse-variance weighted sums of the mean. */
    private static void inverses(double[] e, double[] m, int n, Work w, int b) {
        double[] ci = w.inv[b], cii = w.inv2[b];
        // the divisions in a loop of their own, which the JIT vectorises, then the sums
        for (int i = 0; i < n; i++) {
            double inv = 1 / e[i];
            ci[i] = inv;
            cii[i] = inv * inv;
        }
        // four partial sums each, as in step: one sum's adds wait for each other, four run side by side
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            a0 += cii[i];
            a1 += cii[i + 1];
            a2 += cii[i + 2];
            a3 += cii[i + 3];
            b0 += cii[i] * m[i];
            b1 += cii[i + 1] * m[i + 1];
            b2 += cii[i + 2] * m[i + 2];
            b3 += cii[i + 3] * m[i + 3];
        }
        for (; i < n; i++) {
            a0 += cii[i];
            b0 += cii[i] * m[i];
        }
        w.sw = (a0 + a1) + (a2 + a3);
        w.swm = (b0 + b1) + (b2 + b3);
    }

    /** The robust mean of band b's n compacted epochs (see the class comment). */
    private static double robustMean(double[] m, Work w, int b, int n) {
        double[] inv = w.inv[b], inv2 = w.inv2[b], weight = w.weight, wm = w.weightedMag;
        double x0 = w.swm / w.sw; // the inverse-variance weighted mean, summed by inverses
        for (int it = 0; it < 20; it++) {
            double diff = step(m, inv, inv2, weight, wm, n, x0) - x0;
            x0 += diff;
            if (Math.abs(diff) < 1e-6 * Math.abs(x0) || Math.abs(diff) < 1e-6) {
                break;
            }
        }
        return x0;
    }

    /**
     * One down-weighting step: the weighted mean with Stetson's weights about x0. The weights and their products with
     * the magnitudes are one loop with no sum in it, so that the JIT computes them, divisions included, several per
     * vector instruction; the two sums are then eight independent partial sums each, since an add waits for the one
     * before it in its accumulator (4 cycles): with four the sums, not the divisions, bounded the step. The weights are
     * those of the one-loop form to the bit; the sums differ from it in the last bits only.
     */
    private static double step(double[] m, double[] inv, double[] inv2, double[] weight, double[] wm, int n, double x0) {
        for (int j = 0; j < n; j++) {
            double r = 0.5 * (m[j] - x0) * inv[j]; // |resid|/(α σ) with α = 2, squared below (β = 2)
            double w = inv2[j] / (1 + r * r);
            weight[j] = w;
            wm[j] = w * m[j];
        }
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            a0 += weight[j];
            a1 += weight[j + 1];
            a2 += weight[j + 2];
            a3 += weight[j + 3];
            a4 += weight[j + 4];
            a5 += weight[j + 5];
            a6 += weight[j + 6];
            a7 += weight[j + 7];
            b0 += wm[j];
            b1 += wm[j + 1];
            b2 += wm[j + 2];
            b3 += wm[j + 3];
            b4 += wm[j + 4];
            b5 += wm[j + 5];
            b6 += wm[j + 6];
            b7 += wm[j + 7];
        }
        for (; j < n; j++) {
            a0 += weight[j];
            b0 += wm[j];
        }
        return (((b0 + b1) + (b2 + b3)) + ((b4 + b5) + (b6 + b7))) / (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
    }

    /**
     * Writes the normalised residuals δ of a band's n epochs into {@code d} and returns K from their two sums, Σ|δ|
     * and Σδ², taken in one pass (NaN when every δ is 0).
     */
    private static double deltasAndK(double[] m, double[] e, double[] d, int n, double f, double mean) {
        for (int i = 0; i < n; i++) {
            d[i] = f * (m[i] - mean) / e[i]; // vectorised: no sum in this loop (see step)
        }
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0; // four partial sums, as in inverses
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            a0 += Math.abs(d[i]);
            a1 += Math.abs(d[i + 1]);
            a2 += Math.abs(d[i + 2]);
            a3 += Math.abs(d[i + 3]);
            q0 += d[i] * d[i];
            q1 += d[i + 1] * d[i + 1];
            q2 += d[i + 2] * d[i + 2];
            q3 += d[i + 3] * d[i + 3];
        }
        for (; i < n; i++) {
            a0 += Math.abs(d[i]);
            q0 += d[i] * d[i];
        }
        double abs = (a0 + a1) + (a2 + a3), sq = (q0 + q1) + (q2 + q3);
        return sq > 0 ? (abs / n) / Math.sqrt(sq / n) : Double.NaN;
    }

    /**
     * J over the exposures, in their order: a pair where both bands are used, else the one used band's δ² − 1.
     *
     * @param use1 whether band W1 enters (at least two usable epochs), likewise use2
     */
    private static double j(Work w, byte[] bands, int exposures, boolean use1, boolean use2) {
        double[] d1 = w.delta[0], d2 = w.delta[1];
        if (use1 && use2 && w.n[0] == exposures && w.n[1] == exposures) {
            return pairsOnly(d1, d2, w.weight, exposures); // the robust means are done with their weights
        }
        int mask = (use1 ? 1 : 0) | (use2 ? 2 : 0);
        double sumJ = 0;
        int nP = 0, i1 = 0, i2 = 0;
        for (int x = 0; x < exposures; x++) {
            int b = bands[x];
            // each band's δ pointer moves on every usable epoch of that band, used or not
            double a1 = (b & 1) != 0 ? d1[i1++] : 0, a2 = (b & 2) != 0 ? d2[i2++] : 0;
            int u = b & mask;
            if (u == 0) {
                continue;
            }
            double p = u == 3 ? a1 * a2 : u == 1 ? a1 * a1 - 1 : a2 * a2 - 1;
            sumJ += signedRoot(p);
            nP++;
        }
        return nP > 0 ? sumJ / nP : Double.NaN;
    }

    /**
     * J where every exposure is usable in both bands (the usual light curve): exposure x is the pair
     * δ_W1[x] δ_W2[x]. The same terms as the general loop, without its per-exposure tests of which bands are used:
     * the roots √|P| first, into {@code root}, in a loop the JIT vectorises, then their signed sum in four partial
     * sums (2.1 ns an exposure one root and one add at a time, 1.4 ns so; 300 exposures, in isolation).
     */
    private static double pairsOnly(double[] d1, double[] d2, double[] root, int n) {
        for (int x = 0; x < n; x++) {
            root[x] = Math.sqrt(Math.abs(d1[x] * d2[x]));
        }
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int x = 0;
        for (; x + 4 <= n; x += 4) {
            a0 += Math.copySign(root[x], d1[x] * d2[x]);
            a1 += Math.copySign(root[x + 1], d1[x + 1] * d2[x + 1]);
            a2 += Math.copySign(root[x + 2], d1[x + 2] * d2[x + 2]);
            a3 += Math.copySign(root[x + 3], d1[x + 3] * d2[x + 3]);
        }
        for (; x < n; x++) {
            a0 += Math.copySign(root[x], d1[x] * d2[x]);
        }
        return ((a0 + a1) + (a2 + a3)) / n;
    }

    /**
     * sgn(p) √|p|, −0 for −0 as {@code p >= 0 ? √p : −√−p} gives it. Without a branch: the sign of a product of two
     * residuals is a coin toss, and a branch on it was mispredicted half the time (about a tenth of the statistics'
     * time went to J's loop).
     */
    private static double signedRoot(double p) {
        return Math.copySign(Math.sqrt(Math.abs(p)), p);
    }
}
