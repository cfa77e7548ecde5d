package org.tasni.variability;

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

    private StetsonIndices() {}

    /** J and K over exposures {@code [from, to)}; NaN marks an unusable magnitude or error. */
    static Result of(double[] m1, double[] e1, double[] m2, double[] e2, int from, int to) {
        return of(m1, e1, m2, e2, from, to, new double[2 * (to - from)]);
    }

    /**
     * The same, with a caller's work array (at least 2 (to − from) long) so that a loop over sources allocates
     * nothing per source.
     */
    static Result of(double[] m1, double[] e1, double[] m2, double[] e2, int from, int to, double[] work) {
        int n1 = 0, n2 = 0;
        for (int i = from; i < to; i++) {
            if (usable(m1[i], e1[i])) {
                n1++;
            }
            if (usable(m2[i], e2[i])) {
                n2++;
            }
        }
        double mean1 = n1 >= 2 ? robustMean(m1, e1, from, to, work) : Double.NaN;
        double mean2 = n2 >= 2 ? robustMean(m2, e2, from, to, work) : Double.NaN;
        double f1 = n1 >= 2 ? Math.sqrt(n1 / (n1 - 1.0)) : Double.NaN;
        double f2 = n2 >= 2 ? Math.sqrt(n2 / (n2 - 1.0)) : Double.NaN;
        double sumJ = 0;
        int nP = 0;
        double abs1 = 0, sq1 = 0, abs2 = 0, sq2 = 0;
        for (int i = from; i < to; i++) {
            boolean u1 = n1 >= 2 && usable(m1[i], e1[i]), u2 = n2 >= 2 && usable(m2[i], e2[i]);
            if (!u1 && !u2) {
                continue;
            }
            double d1 = u1 ? f1 * (m1[i] - mean1) / e1[i] : 0, d2 = u2 ? f2 * (m2[i] - mean2) / e2[i] : 0;
            abs1 += Math.abs(d1);
            sq1 += d1 * d1;
            abs2 += Math.abs(d2);
            sq2 += d2 * d2;
            double p = u1 && u2 ? d1 * d2 : u1 ? d1 * d1 - 1 : d2 * d2 - 1;
            sumJ += p >= 0 ? Math.sqrt(p) : -Math.sqrt(-p);
            nP++;
        }
        return new Result(nP > 0 ? sumJ / nP : Double.NaN,
                n1 >= 2 && sq1 > 0 ? (abs1 / n1) / Math.sqrt(sq1 / n1) : Double.NaN,
                n2 >= 2 && sq2 > 0 ? (abs2 / n2) / Math.sqrt(sq2 / n2) : Double.NaN);
    }

    static boolean usable(double m, double e) {
        return Double.isFinite(m) && e > 0 && e < Double.POSITIVE_INFINITY;
    }

    /** The robust mean of the usable epochs of one band (see the class comment). */
    static double robustMean(double[] m, double[] e, int from, int to, double[] a) {
        // compact the usable points: a[2k] = m, a[2k+1] = 1/σ
        int k = 0;
        double sw = 0, swx = 0;
        for (int i = from; i < to; i++) {
            if (usable(m[i], e[i])) {
                double inv = 1 / e[i];
                a[k++] = m[i];
                a[k++] = inv;
                sw += inv * inv;
                swx += inv * inv * m[i];
            }
        }
        double x0 = swx / sw;
        for (int it = 0; it < 20; it++) {
            double s0 = 0, s1 = 0;
            for (int j = 0; j < k; j += 2) {
                double inv = a[j + 1];
                double r = 0.5 * (a[j] - x0) * inv; // |resid|/(α σ) with α = 2, squared below (β = 2)
                double w1 = inv * inv / (1 + r * r);
                s0 += w1;
                s1 += w1 * a[j];
            }
            double diff = s1 / s0 - x0;
            x0 += diff;
            if (Math.abs(diff) < 1e-6 * Math.abs(x0) || Math.abs(diff) < 1e-6) {
                break;
            }
        }
        return x0;
    }
}
