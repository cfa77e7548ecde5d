package org.tasni.variability;

import org.tasni.io.DropReason;

/**
 * Per-visit averages of NEOWISE exposures. A visit is a run of exposures with no gap longer than {@code gapDays}
 * (the satellite sees a position for about a day every ~182.6 days, so 50 days separates visits cleanly).
 *
 * <p>Each band of a visit is averaged in flux, f = 10^(−0.4 m), with inverse-variance weights
 * (σ_f = f σ_m ln10 / 2.5), and converted back: m = −2.5 log₁₀ f̄ with the error of the weighted mean,
 * σ_m = (2.5/ln10) σ_f̄ / f̄. The visit time is the mean of its exposure times. A band with no usable exposure in a
 * visit is NaN for that visit.
 */
final class VisitBinning {

    private static final double K = 2.5 / Math.log(10);

    private VisitBinning() {}

    static int countVisits(double[] t, int n, double gapDays) {
        int v = n > 0 ? 1 : 0;
        for (int i = 1; i < n; i++) {
            if (t[i] - t[i - 1] > gapDays) {
                v++;
            }
        }
        return v;
    }

    /**
     * Replaces the n time-ordered exposures {@code t[0..n)}, {@code m[b][0..n)}, {@code s[b][0..n)} by their visits,
     * in place, for every band b; returns the number of visits.
     *
     * @param t times, days
     * @param m magnitudes per band
     * @param s 1σ errors per band, mag
     */
    static int bin(double[] t, double[][] m, double[][] s, int n, double gapDays) {
        int out = 0, from = 0;
        while (from < n) {
            int to = from + 1;
            while (to < n && t[to] - t[to - 1] <= gapDays) {
                to++;
            }
            double tm = 0;
            for (int i = from; i < to; i++) {
                tm += t[i];
            }
            // out <= from: a visit's slot is written only after its exposures are read
            for (int b = 0; b < m.length; b++) {
                band(m[b], s[b], from, to, out);
            }
            t[out] = tm / (to - from);
            out++;
            from = to;
        }
        return out;
    }

    /** The flux mean of {@code [from, to)} of one band, written into slot {@code out}. */
    private static void band(double[] m, double[] sig, int from, int to, int out) {
        double sw = 0, swf = 0;
        for (int i = from; i < to; i++) {
            if (!StetsonIndices.usable(m[i], sig[i])) {
                continue;
            }
            double f = Math.pow(10, -0.4 * m[i]);
            double sf = f * sig[i] / K;
            double w = 1 / (sf * sf);
            sw += w;
            swf += w * f;
        }
        if (sw == 0) {
            m[out] = Double.NaN;
            sig[out] = Double.NaN;
            return;
        }
        double fbar = swf / sw;
        m[out] = -K * Math.log(fbar);
        // kept within the usable errors, so that a visit of usable exposures stays usable under the one rule: the
        // flux mean's error can fall below its inputs' (n equal errors: 1/√n) or, in magnitudes, rise above one where
        // the fluxes differ; only errors near 1e±50 mag, which no photometry has, reach either bound
        sig[out] = Math.min(DropReason.ERROR_MAX, Math.max(DropReason.ERROR_MIN, K * Math.sqrt(1 / sw) / fbar));
    }
}
