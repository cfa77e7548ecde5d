package org.tasni.variability;

import org.tasni.io.DropReason;

/**
 * The reference pipeline's statistics, reproduced exactly so that the {@code tasni-legacy} and {@code tasni-tier5}
 * presets give its published numbers (reference-pipeline.md §3.2 and §3.5). The defects are deliberate here:
 * <ul>
 *   <li>RMS over all rows with ddof = 1, NaN as soon as one magnitude is NaN (numpy's {@code std}).</li>
 *   <li>χ² about the <em>unweighted</em> mean of the non-NaN magnitudes, summed over rows with finite m and a usable
 *       σ, divided by (that count − 1). Usable is the toolkit's rule ({@link DropReason#usableError}), not the
 *       reference's σ &gt; 0: the two differ only for errors no photometry has (1e-200 made its χ² infinite), and
 *       so the counted unusable measurements are the ones left out.</li>
 *   <li>Trend: OLS slope of m on years since the first usable epoch (rows with finite mjd and m, n ≥ 3) and scipy
 *       {@code linregress}'s two-sided p (t = r √(df/((1−r)(1+r))), df = n − 2). One departure, which no source of
 *       the reference's data reaches: no trend (NaN) where those rows lie within one visit, less than
 *       {@link VariabilityConfig#MIN_TREND_BASELINE_DAYS} apart, whatever the other band's or the source's span (a
 *       line through one visit's drift is no trend over years).</li>
 *   <li>"Stetson J" = Σ sgn(P) √|P| / √n with plain means over rows where both bands are usable: not Stetson's.</li>
 * </ul>
 */
final class LegacyStatistics {

    /**
     * The reference's statistics of one band.
     *
     * @param rms    NaN-propagating sample standard deviation, mag
     * @param chi2   reduced χ² about the unweighted mean
     * @param trend  OLS slope, mag/yr
     * @param trendP scipy linregress's two-sided p-value
     */
    record Result(double rms, double chi2, double trend, double trendP) {}

    private LegacyStatistics() {}

    /** Per band, over rows {@code [from, to)} of one source (all rows, NaN included). */
    static Result of(double[] t, double[] m, double[] s, int from, int to) {
        int n = to - from;
        // rms: NaN-propagating, ddof = 1
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += m[i];
        }
        double mean = sum / n, ss = 0;
        for (int i = from; i < to; i++) {
            ss += (m[i] - mean) * (m[i] - mean);
        }
        double rms = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        // χ²: unweighted mean of the non-NaN magnitudes
        double sm = 0;
        int nm = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(m[i])) {
                sm += m[i];
                nm++;
            }
        }
        double mbar = sm / nm, chi = 0;
        int nv = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(m[i]) && DropReason.usableError(s[i])) {
                double d = (m[i] - mbar) / s[i];
                chi += d * d;
                nv++;
            }
        }
        double chi2 = nv >= 2 ? chi / (nv - 1) : Double.NaN;
        // OLS trend on rows with finite mjd and m
        double tmin = Double.POSITIVE_INFINITY, tmax = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(t[i]) && !Double.isNaN(m[i])) {
                tmin = Math.min(tmin, t[i]);
                tmax = Math.max(tmax, t[i]);
                k++;
            }
        }
        if (k < 3 || !VariabilityConfig.trendMeasurable((tmax - tmin) / 365.25)) {
            return new Result(rms, chi2, Double.NaN, Double.NaN);
        }
        double sx = 0, sy = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(t[i]) && !Double.isNaN(m[i])) {
                sx += (t[i] - tmin) / 365.25;
                sy += m[i];
            }
        }
        double xm = sx / k, ym = sy / k, sxx = 0, sxy = 0, syy = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(t[i]) && !Double.isNaN(m[i])) {
                double x = (t[i] - tmin) / 365.25 - xm, y = m[i] - ym;
                sxx += x * x;
                sxy += x * y;
                syy += y * y;
            }
        }
        if (sxx == 0) {
            return new Result(rms, chi2, Double.NaN, Double.NaN);
        }
        double r = syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
        double df = k - 2;
        // scipy adds 1e-20 (TINY) to both factors
        double tStat = r * Math.sqrt(df / ((1 - r + 1e-20) * (1 + r + 1e-20)));
        return new Result(rms, chi2, sxy / sxx, BandStatistics.twoSidedP(tStat, df));
    }

    /** (max − min) of t[0..n) in Julian years: the reference's baseline over all rows. */
    static double baselineYears(double[] t, int n) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, t[i]);
            hi = Math.max(hi, t[i]);
        }
        return (hi - lo) / 365.25;
    }

    /** The reference's "Stetson J" over rows where both bands are usable ({@link StetsonIndices#usable}). */
    static double stetsonJ(double[] m1, double[] e1, double[] m2, double[] e2, int from, int to) {
        double s1 = 0, s2 = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (ok(m1[i], e1[i]) && ok(m2[i], e2[i])) {
                s1 += m1[i];
                s2 += m2[i];
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double a = s1 / n, b = s2 / n, sum = 0;
        for (int i = from; i < to; i++) {
            if (ok(m1[i], e1[i]) && ok(m2[i], e2[i])) {
                double p = (m1[i] - a) / e1[i] * ((m2[i] - b) / e2[i]);
                sum += Math.signum(p) * Math.sqrt(Math.abs(p));
            }
        }
        return sum / Math.sqrt(n);
    }

    private static boolean ok(double m, double e) {
        return StetsonIndices.usable(m, e);
    }
}
