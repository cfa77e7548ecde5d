package org.tasni.variability;

import java.util.Arrays;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * One source's usable epochs, per band, in time order: what the plots draw.
 *
 * <pre>{@code
 * var lc = LightCurve.of(epochs, "J143046.35-025927.8");
 * lc.w1().mjd();  lc.points(Band.W2).visits(50);  lc.w1().trend().slopeMagYr();
 * }</pre>
 *
 * @param designation the source
 * @param w1          W1 points
 * @param w2          W2 points
 */
public record LightCurve(String designation, Points w1, Points w2) {

    /** The points of {@code band}. */
    public Points points(Band band) {
        return band == Band.W1 ? w1 : w2;
    }

    /**
     * The weighted least-squares line of one band, as the standard preset fits it; all NaN with fewer than three points
     * or points within one visit ({@link VariabilityConfig#MIN_TREND_BASELINE_DAYS}).
     *
     * @param interceptMag the line's magnitude at the band's first mjd, mag
     * @param slopeMagYr   the slope, mag/yr (positive = fading)
     * @param slopeErr     its standard error, mag/yr
     * @param p            its two-sided p-value
     * @param r2           the fit's weighted r²
     */
    public record Trend(double interceptMag, double slopeMagYr, double slopeErr, double p, double r2) {

        static final Trend NONE = new Trend(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** The line's magnitude at {@code mjd}, given the band's first mjd {@code mjd0}. */
        public double magAt(double mjd, double mjd0) {
            return interceptMag + slopeMagYr * (mjd - mjd0) / 365.25;
        }
    }

    /**
     * Usable points of one band: finite mjd and magnitude, error &gt; 0.
     *
     * @param mjd   days
     * @param mag   magnitudes
     * @param err   1σ errors, mag
     */
    public record Points(double[] mjd, double[] mag, double[] err) {

        /** @throws TasniException unless the three arrays are there and of one length (one value per point each) */
        public Points {
            if (mjd == null || mag == null || err == null || mag.length != mjd.length || err.length != mjd.length) {
                throw new TasniException("LightCurve.Points needs one mjd, mag and err per point: got " + length(mjd)
                        + " mjd, " + length(mag) + " mag and " + length(err) + " err values.");
            }
        }

        private static String length(double[] a) {
            return a == null ? "no" : Integer.toString(a.length);
        }

        /** The number of points. */
        public int size() {
            return mjd.length;
        }

        /** Per-visit means in flux (a gap over {@code gapDays} starts a visit), as the analyzer bins them. */
        public Points visits(double gapDays) {
            double[] t = mjd.clone();
            double[][] m = {mag.clone()}, s = {err.clone()};
            int v = VisitBinning.bin(t, m, s, t.length, gapDays);
            return new Points(Arrays.copyOf(t, v), Arrays.copyOf(m[0], v), Arrays.copyOf(s[0], v));
        }

        /** The weighted least-squares line, as the standard preset computes it. */
        public Trend trend() {
            BandStatistics.Result r = BandStatistics.of(mjd, mag, err, 0, mjd.length);
            // within one visit no trend, as the variability table has it (StandardMethod)
            double first = Double.POSITIVE_INFINITY, last = Double.NEGATIVE_INFINITY;
            for (double t : mjd) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
            if (mjd.length < 3 || Double.isNaN(r.trend()) || !VariabilityConfig.trendMeasurable((last - first) / 365.25)) {
                return Trend.NONE;
            }
            // the WLS line passes through the weighted means of x and y
            double sw = 0, swx = 0;
            for (int i = 0; i < mjd.length; i++) {
                double w = 1 / (err[i] * err[i]);
                sw += w;
                swx += w * (mjd[i] - mjd[0]) / 365.25;
            }
            return new Trend(r.mean() - r.trend() * swx / sw, r.trend(), r.trendErr(), r.trendP(), r.r2());
        }
    }

    /** The light curve of {@code designation} in an epochs table (IRSA or reference column names), every exposure. */
    public static LightCurve of(Table epochs, String designation) {
        return of(epochs, designation, VariabilityConfig.Cuts.none());
    }

    /**
     * The light curve of {@code designation} without the exposures that fail {@code cuts}: the points a preset's
     * statistics and trend see ({@code VariabilityConfig.standard().cuts()}), so that the line drawn is the trend the
     * variability table reports.
     */
    public static LightCurve of(Table epochs, String designation, VariabilityConfig.Cuts cuts) {
        Epochs e = Epochs.ofSource(epochs, "designation", designation, new QualityCuts(cuts));
        int k = e.source(designation);
        e.sortByTime(k);
        return new LightCurve(designation, points(e, k, Band.W1), points(e, k, Band.W2));
    }

    /** The usable points of one band of source k, in the epochs' order for it (time order once sorted). */
    static Points points(Epochs e, int source, Band band) {
        int from = e.start[source], to = e.start[source + 1], n = to - from;
        EpochColumn mags = e.mag(band), errs = e.err(band);
        double[] t = new double[n], m = new double[n], s = new double[n];
        int k = 0;
        for (int r = from; r < to; r++) {
            int i = e.row(r);
            if (e.passes(i) && !Double.isNaN(e.mjd.get(i)) && StetsonIndices.usable(mags.get(i), errs.get(i))) {
                t[k] = e.mjd.get(i);
                m[k] = mags.get(i);
                s[k] = errs.get(i);
                k++;
            }
        }
        return new Points(Arrays.copyOf(t, k), Arrays.copyOf(m, k), Arrays.copyOf(s, k));
    }
}
