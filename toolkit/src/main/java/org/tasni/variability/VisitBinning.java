package org.tasni.variability;

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

    /** Replaces the worker's n time-ordered exposures by their visits; returns the number of visits. */
    static int bin(VariabilityAnalyzer.Worker w, int n, double gapDays) {
        int out = 0, s = 0;
        while (s < n) {
            int e = s + 1;
            while (e < n && w.t[e] - w.t[e - 1] <= gapDays) {
                e++;
            }
            double tm = 0;
            for (int i = s; i < e; i++) {
                tm += w.t[i];
            }
            double[] b1 = band(w.m1, w.s1, s, e), b2 = band(w.m2, w.s2, s, e);
            w.t[out] = tm / (e - s);
            w.m1[out] = b1[0];
            w.s1[out] = b1[1];
            w.m2[out] = b2[0];
            w.s2[out] = b2[1];
            out++;
            s = e;
        }
        return out;
    }

    private static double[] band(double[] m, double[] sig, int s, int e) {
        double sw = 0, swf = 0;
        for (int i = s; i < e; i++) {
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
            return new double[] {Double.NaN, Double.NaN};
        }
        double fbar = swf / sw;
        return new double[] {-K * Math.log(fbar), K * Math.sqrt(1 / sw) / fbar};
    }
}
