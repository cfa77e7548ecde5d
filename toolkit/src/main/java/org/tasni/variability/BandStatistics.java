package org.tasni.variability;

import org.apache.commons.math3.special.Beta;

/**
 * Statistics of one band of one light curve, on a slice {@code [from, to)} of primitive arrays holding only usable
 * epochs (finite magnitude, finite error &gt; 0), in time order.
 *
 * <p>With w_i = 1/σ_i² and m̄_w = Σ w m / Σ w:
 * <ul>
 *   <li>RMS: the sample standard deviation (ddof = 1) about the unweighted mean.</li>
 *   <li>Reduced χ² about the weighted mean: Σ ((m − m̄_w)/σ)² / (n − 1).</li>
 *   <li>von Neumann η = Σ (m_{i+1} − m_i)² / ((n − 1) s²), s² the sample variance (η ≈ 2 for white noise, small for
 *       smooth trends).</li>
 *   <li>Trend: weighted least squares of m on t in Julian years, slope in mag/yr (positive = fading). The slope
 *       error, t statistic and r² are those of WLS with the scale estimated from the residuals
 *       (σ̂² = Σ w r² / (n − 2), as statsmodels' WLS), so an underestimated σ does not make a trend look
 *       significant. p is two-sided, from Student's t with n − 2 degrees of freedom.</li>
 * </ul>
 * Degenerate input gives documented NaNs: every statistic needs n ≥ 2, the trend n ≥ 3.
 */
final class BandStatistics {

    /**
     * The statistics of one band.
     *
     * @param n        usable epochs
     * @param mean     inverse-variance weighted mean, mag
     * @param rms      sample standard deviation, mag
     * @param chi2     reduced χ² about the weighted mean
     * @param eta      von Neumann η
     * @param trend    WLS slope, mag/yr (positive = fading)
     * @param trendErr its standard error, mag/yr
     * @param trendP   its two-sided p-value
     * @param r2       the fit's weighted r²
     */
    record Result(int n, double mean, double rms, double chi2, double eta, double trend, double trendErr, double trendP,
            double r2) {}

    private BandStatistics() {}

    /** The statistics of epochs {@code [from, to)}: t in MJD days, m magnitudes, s 1σ errors (all usable). */
    static Result of(double[] t, double[] m, double[] s, int from, int to) {
        int n = to - from;
        double nan = Double.NaN;
        if (n < 2) {
            return new Result(n, n == 1 ? m[from] : nan, nan, nan, nan, nan, nan, nan, nan);
        }
        // shift by the first value so sums of squares keep their precision
        double t0 = t[from], m0 = m[from];
        double sw = 0, swx = 0, swy = 0, sy = 0;
        for (int i = from; i < to; i++) {
            double w = 1 / (s[i] * s[i]);
            double x = (t[i] - t0) / 365.25, y = m[i] - m0;
            sw += w;
            swx += w * x;
            swy += w * y;
            sy += y;
        }
        double xw = swx / sw, yw = swy / sw, ybar = sy / n;
        double sxx = 0, sxy = 0, syy = 0, chi2 = 0, var = 0, dd = 0;
        double prev = Double.NaN;
        for (int i = from; i < to; i++) {
            double w = 1 / (s[i] * s[i]);
            double x = (t[i] - t0) / 365.25 - xw, y = m[i] - m0 - yw;
            sxx += w * x * x;
            sxy += w * x * y;
            syy += w * y * y;
            double u = m[i] - m0 - ybar;
            var += u * u;
            if (i > from) {
                double d = m[i] - prev;
                dd += d * d;
            }
            prev = m[i];
        }
        chi2 = syy; // Σ w (m − m̄_w)²
        var /= n - 1;
        double eta = var > 0 ? dd / ((n - 1) * var) : nan;
        double b = nan, se = nan, p = nan, r2 = nan;
        if (n >= 3 && sxx > 0) {
            b = sxy / sxx;
            double ssRes = Math.max(0, syy - b * sxy);
            se = Math.sqrt(ssRes / (n - 2) / sxx);
            p = twoSidedP(b / se, n - 2);
            r2 = syy > 0 ? b * sxy / syy : nan;
        }
        return new Result(n, m0 + yw, Math.sqrt(var), chi2 / (n - 1), eta, b, se, p, r2);
    }

    /** Two-sided p-value of Student's t with {@code df} degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
    static double twoSidedP(double tStat, double df) {
        if (Double.isNaN(tStat)) {
            return Double.NaN;
        }
        if (Double.isInfinite(tStat)) {
            return 0;
        }
        return Beta.regularizedBeta(df / (df + tStat * tStat), 0.5 * df, 0.5);
    }
}
