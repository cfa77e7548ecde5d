package org.tasni.variability;

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

    private BandStatistics() {}

    /** The statistics of epochs {@code [from, to)}: t in MJD days, m magnitudes, s 1σ errors (all usable). */
    static Result of(double[] t, double[] m, double[] s, int from, int to) {
        PerSource one = new PerSource(1);
        into(t, m, s, from, to, new double[2 * Math.max(0, to - from)], one, 0);
        return one.get(0);
    }

    /**
     * The statistics of epochs {@code [from, to)} written into slot {@code k} of {@code out}; {@code work} holds at
     * least 2 (to − from) doubles.
     */
    static void into(double[] t, double[] m, double[] s, int from, int to, double[] work, PerSource out, int k) {
        int n = to - from;
        out.n[k] = n;
        if (n < 2) {
            out.mean[k] = n == 1 ? m[from] : Double.NaN;
            out.rms[k] = out.chi2[k] = out.eta[k] = Double.NaN;
            out.noTrend(k);
            return;
        }
        // shift by the first value so sums of squares keep their precision; the weights and times are kept in work
        // (w at [0, n), x at [n, 2n)) so that the second pass does not divide again. They are computed in a loop with
        // no sum in it, which the JIT vectorises (a loop with a sum divides one value at a time); same values, same bits
        double t0 = t[from], m0 = m[from];
        for (int j = 0; j < n; j++) {
            double sj = s[from + j];
            work[j] = 1 / (sj * sj);
            work[n + j] = (t[from + j] - t0) / 365.25;
        }
        // the sums as four independent partial sums each (epochs j ≡ 0, 1, 2, 3 mod 4), combined pairwise at the end:
        // an add waits for the one before it in its accumulator (4 cycles), so one accumulator per sum bounded these
        // loops, not the arithmetic. The terms are those of the one-accumulator form; the sums differ in the last bits
        double sw0 = 0, sw1 = 0, sw2 = 0, sw3 = 0, swx0 = 0, swx1 = 0, swx2 = 0, swx3 = 0;
        double swy0 = 0, swy1 = 0, swy2 = 0, swy3 = 0, sy0 = 0, sy1 = 0, sy2 = 0, sy3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double w0 = work[j], w1 = work[j + 1], w2 = work[j + 2], w3 = work[j + 3];
            double y0 = m[from + j] - m0, y1 = m[from + j + 1] - m0, y2 = m[from + j + 2] - m0, y3 = m[from + j + 3] - m0;
            sw0 += w0;
            sw1 += w1;
            sw2 += w2;
            sw3 += w3;
            swx0 += w0 * work[n + j];
            swx1 += w1 * work[n + j + 1];
            swx2 += w2 * work[n + j + 2];
            swx3 += w3 * work[n + j + 3];
            swy0 += w0 * y0;
            swy1 += w1 * y1;
            swy2 += w2 * y2;
            swy3 += w3 * y3;
            sy0 += y0;
            sy1 += y1;
            sy2 += y2;
            sy3 += y3;
        }
        for (; j < n; j++) {
            double w = work[j], y = m[from + j] - m0;
            sw0 += w;
            swx0 += w * work[n + j];
            swy0 += w * y;
            sy0 += y;
        }
        double sw = (sw0 + sw1) + (sw2 + sw3), swx = (swx0 + swx1) + (swx2 + swx3);
        double swy = (swy0 + swy1) + (swy2 + swy3), sy = (sy0 + sy1) + (sy2 + sy3);
        double xw = swx / sw, yw = swy / sw, ybar = sy / n;
        // second pass, centred, likewise in four partial sums; d is m_j − m_{j−1}, 0 for the first epoch
        double sxx0 = 0, sxx1 = 0, sxx2 = 0, sxx3 = 0, sxy0 = 0, sxy1 = 0, sxy2 = 0, sxy3 = 0;
        double syy0 = 0, syy1 = 0, syy2 = 0, syy3 = 0, var0 = 0, var1 = 0, var2 = 0, var3 = 0;
        double dd0 = 0, dd1 = 0, dd2 = 0, dd3 = 0;
        double prev = m[from];
        j = 0;
        for (; j + 4 <= n; j += 4) {
            double w0 = work[j], w1 = work[j + 1], w2 = work[j + 2], w3 = work[j + 3];
            double x0 = work[n + j] - xw, x1 = work[n + j + 1] - xw, x2 = work[n + j + 2] - xw, x3 = work[n + j + 3] - xw;
            double v0 = m[from + j], v1 = m[from + j + 1], v2 = m[from + j + 2], v3 = m[from + j + 3];
            double y0 = v0 - m0 - yw, y1 = v1 - m0 - yw, y2 = v2 - m0 - yw, y3 = v3 - m0 - yw;
            sxx0 += w0 * x0 * x0;
            sxx1 += w1 * x1 * x1;
            sxx2 += w2 * x2 * x2;
            sxx3 += w3 * x3 * x3;
            sxy0 += w0 * x0 * y0;
            sxy1 += w1 * x1 * y1;
            sxy2 += w2 * x2 * y2;
            sxy3 += w3 * x3 * y3;
            syy0 += w0 * y0 * y0;
            syy1 += w1 * y1 * y1;
            syy2 += w2 * y2 * y2;
            syy3 += w3 * y3 * y3;
            double u0 = v0 - m0 - ybar, u1 = v1 - m0 - ybar, u2 = v2 - m0 - ybar, u3 = v3 - m0 - ybar;
            var0 += u0 * u0;
            var1 += u1 * u1;
            var2 += u2 * u2;
            var3 += u3 * u3;
            double d0 = v0 - prev, d1 = v1 - v0, d2 = v2 - v1, d3 = v3 - v2;
            dd0 += d0 * d0;
            dd1 += d1 * d1;
            dd2 += d2 * d2;
            dd3 += d3 * d3;
            prev = v3;
        }
        for (; j < n; j++) {
            double w = work[j], x = work[n + j] - xw, v = m[from + j], y = v - m0 - yw, u = v - m0 - ybar, d = v - prev;
            sxx0 += w * x * x;
            sxy0 += w * x * y;
            syy0 += w * y * y;
            var0 += u * u;
            dd0 += d * d;
            prev = v;
        }
        double sxx = (sxx0 + sxx1) + (sxx2 + sxx3), sxy = (sxy0 + sxy1) + (sxy2 + sxy3);
        double syy = (syy0 + syy1) + (syy2 + syy3), var = (var0 + var1) + (var2 + var3), dd = (dd0 + dd1) + (dd2 + dd3);
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
