package org.tasni.variability;

import java.util.Arrays;
import java.util.Objects;

/**
 * Statistics of one band of one light curve, on the first n entries of primitive arrays holding only usable
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

    /**
     * The same statistics for many light curves: one array per statistic, slot k for light curve k, so that a loop
     * over sources writes primitives and allocates nothing per source.
     */
    static final class PerSource {
        final int[] n;
        final double[] mean, rms, chi2, eta, trend, trendErr, trendP, r2;

        PerSource(int size) {
            n = new int[size];
            mean = new double[size];
            rms = new double[size];
            chi2 = new double[size];
            eta = new double[size];
            trend = new double[size];
            trendErr = new double[size];
            trendP = new double[size];
            r2 = new double[size];
        }

        /** Slot k as a record. */
        Result get(int k) {
            return new Result(n[k], mean[k], rms[k], chi2[k], eta[k], trend[k], trendErr[k], trendP[k], r2[k]);
        }

        /** No trend in slot k (one visit: the baseline is below MIN_TREND_BASELINE_DAYS). */
        void noTrend(int k) {
            trend[k] = trendErr[k] = trendP[k] = r2[k] = Double.NaN;
        }
    }

    /** 1 / 365.25: a Julian year in days. */
    private static final double YEARS_PER_DAY = 1 / 365.25;

    private BandStatistics() {}

    /** The statistics of epochs {@code [from, to)}: t in MJD days, m magnitudes, s 1σ errors (all usable). */
    static Result of(double[] t, double[] m, double[] s, int from, int to) {
        // the slice must lie in every array: copyOfRange would pad a short one with zeros
        for (double[] a : new double[][] {t, m, s}) {
            Objects.checkFromToIndex(from, to, a.length);
        }
        int n = to - from;
        PerSource one = new PerSource(1);
        // into reads [0, n): a slice from 0 (a light curve's whole arrays, LightCurve.Points.trend) needs no copy
        boolean copy = from != 0;
        into(copy ? Arrays.copyOfRange(t, from, to) : t, copy ? Arrays.copyOfRange(m, from, to) : m,
                copy ? Arrays.copyOfRange(s, from, to) : s, n, new double[n], new double[n], one, 0);
        return one.get(0);
    }

    /**
     * The statistics of epochs {@code [0, n)} written into slot {@code k} of {@code out}; {@code weights} and
     * {@code years} are work arrays of at least n doubles.
     */
    static void into(double[] t, double[] m, double[] s, int n, double[] weights, double[] years, PerSource out, int k) {
        out.n[k] = n;
        if (n < 2) {
            out.mean[k] = n == 1 ? m[0] : Double.NaN;
            out.rms[k] = out.chi2[k] = out.eta[k] = Double.NaN;
            out.noTrend(k);
            return;
        }
        // shift by the first value so sums of squares keep their precision. The weights and times are kept so that
        // the second pass does not divide again; they are computed in loops of their own, with no sum in them, which
        // the JIT vectorises (a loop with a sum divides one value at a time). Every loop indexes its arrays from 0
        // with one variable, each array its own: a slice [from, to) of one array and the two halves of one work
        // array took 1.15-1.26x as long (300 points, ten alternating pairs in one JVM); same values, same bits
        double t0 = t[0], m0 = m[0];
        for (int j = 0; j < n; j++) {
            double sj = s[j];
            weights[j] = 1 / (sj * sj);
        }
        for (int j = 0; j < n; j++) {
            years[j] = (t[j] - t0) * YEARS_PER_DAY; // a product, not a quotient: a third of the loop's time
        }
        double sw = 0, swx = 0, swy = 0, sy = 0;
        for (int j = 0; j < n; j++) {
            double w = weights[j];
            double x = years[j], y = m[j] - m0;
            sw += w;
            swx += w * x;
            swy += w * y;
            sy += y;
        }
        double xw = swx / sw, yw = swy / sw, ybar = sy / n;
        double sxx = 0, sxy = 0, syy = 0, var = 0, dd = 0;
        double prev = m[0];
        for (int j = 0; j < n; j++) {
            double w = weights[j];
            double x = years[j] - xw, y = m[j] - m0 - yw;
            sxx += w * x * x;
            sxy += w * x * y;
            syy += w * y * y;
            double u = m[j] - m0 - ybar;
            var += u * u;
            double d = m[j] - prev; // 0 for the first epoch, which adds nothing
            dd += d * d;
            prev = m[j];
        }
        var /= n - 1;
        out.mean[k] = m0 + yw;
        out.rms[k] = Math.sqrt(var);
        out.chi2[k] = syy / (n - 1); // syy = Σ w (m − m̄_w)²
        out.eta[k] = var > 0 ? dd / ((n - 1) * var) : Double.NaN;
        trend(n, sxx, sxy, syy, out, k);
    }

    /** The WLS slope, its error, p and r² from the centred weighted sums (n ≥ 3 and a spread in time, else NaN). */
    private static void trend(int n, double sxx, double sxy, double syy, PerSource out, int k) {
        if (n < 3 || !(sxx > 0)) {
            out.noTrend(k);
            return;
        }
        double b = sxy / sxx;
        double ssRes = Math.max(0, syy - b * sxy);
        double se = Math.sqrt(ssRes / (n - 2) / sxx);
        out.trend[k] = b;
        out.trendErr[k] = se;
        out.trendP[k] = twoSidedP(b / se, n - 2);
        out.r2[k] = syy > 0 ? b * sxy / syy : Double.NaN;
    }

    /** Two-sided p-value of Student's t with {@code df} degrees of freedom: I_{df/(df+t²)}(df/2, 1/2) ({@link StudentT}). */
    static double twoSidedP(double tStat, double df) {
        return StudentT.twoSidedP(tStat, df);
    }
}
