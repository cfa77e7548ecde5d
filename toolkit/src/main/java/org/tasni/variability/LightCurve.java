package org.tasni.variability;

import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * One source's usable epochs, per band, in time order: what the plots draw.
 *
 * <pre>{@code
 * var lc = LightCurve.of(epochs, "J143046.35-025927.8");
 * lc.w1().mjd();  lc.w1().visits(50);  lc.w1().trend();
 * }</pre>
 *
 * @param designation the source
 * @param w1          W1 points
 * @param w2          W2 points
 */
public record LightCurve(String designation, Band w1, Band w2) {

    /**
     * Usable points of one band: finite mjd and magnitude, error &gt; 0.
     *
     * @param mjd   days
     * @param mag   magnitudes
     * @param err   1σ errors, mag
     */
    public record Band(double[] mjd, double[] mag, double[] err) {

        public int size() {
            return mjd.length;
        }

        /** Per-visit means in flux (a gap over {@code gapDays} starts a visit), as the analyzer bins them. */
        public Band visits(double gapDays) {
            VariabilityAnalyzer.Worker w = new VariabilityAnalyzer.Worker();
            int n = mjd.length;
            w.ensure(n);
            for (int i = 0; i < n; i++) {
                w.t[i] = mjd[i];
                w.m1[i] = mag[i];
                w.s1[i] = err[i];
                w.m2[i] = Double.NaN;
                w.s2[i] = Double.NaN;
            }
            int v = VisitBinning.bin(w, n, gapDays);
            return new Band(java.util.Arrays.copyOf(w.t, v), java.util.Arrays.copyOf(w.m1, v), java.util.Arrays.copyOf(w.s1, v));
        }

        /**
         * The weighted least-squares line {intercept at the first mjd (mag), slope (mag/yr), slope error, p}, as the
         * standard preset computes it.
         */
        public double[] trend() {
            double[] out = new double[BandStatistics.SIZE];
            BandStatistics.compute(mjd, mag, err, 0, mjd.length, out);
            if (mjd.length < 3 || Double.isNaN(out[BandStatistics.TREND])) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            }
            // the WLS line passes through the weighted means of x and y
            double sw = 0, swx = 0;
            for (int i = 0; i < mjd.length; i++) {
                double w = 1 / (err[i] * err[i]);
                sw += w;
                swx += w * (mjd[i] - mjd[0]) / 365.25;
            }
            double b = out[BandStatistics.TREND];
            return new double[] {out[BandStatistics.MEAN] - b * swx / sw, b, out[BandStatistics.TREND_ERR], out[BandStatistics.TREND_P]};
        }
    }

    /** The light curve of {@code designation} in an epochs table (IRSA or reference column names). */
    public static LightCurve of(Table epochs, String designation) {
        Table one = epochs.where(epochs.stringColumn("designation").isEqualTo(designation));
        if (one.rowCount() == 0) {
            throw new TasniException(epochs.name() + ": no epochs for " + designation + ".");
        }
        Epochs e = new Epochs(one, "designation", new QualityCuts(VariabilityConfig.standard().withoutQualityCuts()));
        e.sortByTime(0);
        return new LightCurve(designation, band(e, 0, true), band(e, 0, false));
    }

    /** The usable points of one band of source k, in the epochs' order for it (time order once sorted). */
    static Band band(Epochs e, int source, boolean w1) {
        int from = e.start[source], to = e.start[source + 1], n = to - from;
        double[] t = new double[n], m = new double[n], s = new double[n];
        int k = 0;
        for (int r = from; r < to; r++) {
            int i = e.order[r];
            double mag = w1 ? e.w1[i] : e.w2[i], err = w1 ? e.e1[i] : e.e2[i];
            if (!Double.isNaN(e.mjd[i]) && StetsonIndices.usable(mag, err)) {
                t[k] = e.mjd[i];
                m[k] = mag;
                s[k] = err;
                k++;
            }
        }
        return new Band(java.util.Arrays.copyOf(t, k), java.util.Arrays.copyOf(m, k), java.util.Arrays.copyOf(s, k));
    }
}
