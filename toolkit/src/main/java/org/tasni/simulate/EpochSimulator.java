package org.tasni.simulate;

import org.tasni.io.TileLayout;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Generates NEOWISE-R single-exposure light curves for a target list, with the injected truth kept.
 *
 * <pre>{@code
 * var sample = EpochSimulator.of(EpochConfig.defaults()).simulate(targets);  // targets: designation, ra, dec[, w1mpro, w2mpro]
 * sample.epochs();   // one row per exposure, IRSA's column names
 * sample.truth();    // one row per target: class, trend, period, amplitude
 * }</pre>
 *
 * <h2>What is in it</h2>
 * <ul>
 *   <li>Cadence: a visit every ~182.6 days from 2014 to 2024 at a random phase per source, each visit about 12
 *       exposures spread over about a day (so ~20 visits and ~240 exposures per source).</li>
 *   <li>Columns as IRSA's {@code neowiser_p1bs_psd} names them: {@code designation, ra, dec, mjd, w1mpro, w1sigmpro,
 *       w2mpro, w2sigmpro, qual_frame, qi_fact, saa_sep, moon_masked, cc_flags, nb, na}. Magnitudes are float32 as in
 *       the real epochs file.</li>
 *   <li>Noise: errors grow with magnitude; a few NaN magnitudes and NaN errors; {@code qual_frame} 0/5/10 in the
 *       real proportions. Exposures that a quality cut would reject (qual_frame 0, qi_fact &lt; 0.9, saa_sep ≤ 0,
 *       moon_masked ≠ "00", cc_flags not starting "00") get an outlier in half of the cases, so the cuts matter.</li>
 *   <li>Classes ({@link LightCurveClass}): constant, stochastic (damped random walk), linear fading or brightening at
 *       a rate in mag/yr, and sinusoidal periodic.</li>
 * </ul>
 * Rows are grouped by source in target order and sorted by {@code mjd} within a source.
 */
public final class EpochSimulator {

    private final EpochConfig config;

    private EpochSimulator(EpochConfig config) {
        this.config = config;
    }

    /**
     * A simulator with these settings; it keeps no other state, so the same targets give the same light curves.
     *
     * @param config cadence, class fractions, trend range and seed, e.g. {@code EpochConfig.defaults().withSeed(7)}
     */
    public static EpochSimulator of(EpochConfig config) {
        return new EpochSimulator(config);
    }

    /**
     * Simulates light curves for the targets.
     *
     * @param targets needs {@code designation}, {@code ra}, {@code dec}; {@code w1mpro} and {@code w2mpro}, when present
     *                and finite, set the mean magnitudes (else 13–16.5 mag)
     */
    public EpochSample simulate(Table targets) {
        StringColumn des = Columns.strings(targets, "designation");
        double[] ra = Columns.doubles(targets, "ra");
        double[] dec = Columns.doubles(targets, "dec");
        double[] w1 = targets.containsColumn("w1mpro") ? Columns.doubles(targets, "w1mpro") : null;
        double[] w2 = targets.containsColumn("w2mpro") ? Columns.doubles(targets, "w2mpro") : null;
        Rows rows = new Rows();
        Truth truth = new Truth(targets.rowCount());
        for (int s = 0; s < targets.rowCount(); s++) {
            String d = des.get(s);
            if (d.isEmpty()) {
                throw new TasniException(targets.name() + ": column 'designation' is empty in data row " + (s + 1) + ".");
            }
            SplittableRandom r = Rng.of(config.seed(), d);
            double b1 = w1 != null && Double.isFinite(w1[s]) ? w1[s] : r.nextDouble(13, 16.5);
            double b2 = w2 != null && Double.isFinite(w2[s]) ? w2[s] : b1 - 0.1 - 0.3 * r.nextDouble();
            lightCurve(r, d, ra[s], dec[s], b1, b2, rows, truth);
        }
        return new EpochSample(rows.toTable(), truth.toTable());
    }

    private LightCurveClass draw(SplittableRandom r) {
        double u = r.nextDouble();
        double[] f = config.fractions();
        LightCurveClass[] all = LightCurveClass.values();
        for (int k = 0; k < all.length; k++) {
            u -= f[k];
            if (u < 0) {
                return all[k];
            }
        }
        return LightCurveClass.CONSTANT;
    }

    private void lightCurve(SplittableRandom r, String des, double ra, double dec, double b1, double b2, Rows rows,
            Truth truth) {
        LightCurveClass cls = draw(r);
        double trend1 = 0, trend2 = 0, period = Double.NaN, amp = 0, phase = 0, tau = Double.NaN, sigmaVar = 0;
        switch (cls) {
            case FADING, BRIGHTENING -> {
                double rate = config.minTrendMagYr() + r.nextDouble() * (config.maxTrendMagYr() - config.minTrendMagYr());
                double sign = cls == LightCurveClass.FADING ? 1 : -1;
                trend1 = sign * rate;
                trend2 = sign * rate * r.nextDouble(0.8, 1.2);
            }
            case PERIODIC -> {
                period = 0.5 * Math.pow(1000, r.nextDouble()); // log-uniform 0.5–500 d
                amp = r.nextDouble(0.1, 0.5);
                phase = r.nextDouble(2 * Math.PI);
            }
            case STOCHASTIC -> {
                tau = r.nextDouble(100, 1000);
                sigmaVar = r.nextDouble(0.08, 0.3);
            }
            case CONSTANT -> { }
        }
        truth.add(des, cls, trend1, trend2, period, amp, b1, b2);
        double tMid = 0.5 * (config.startMjd() + config.endMjd());
        double first = config.startMjd() + r.nextDouble() * config.cadenceDays();
        double drw = sigmaVar * Rng.gaussian(r);
        double lastVisit = Double.NaN;
        for (double visit = first; visit <= config.endMjd(); visit += config.cadenceDays()) {
            double t0 = visit + r.nextDouble(-3, 3);
            if (t0 < config.startMjd() || t0 > config.endMjd()) {
                continue;
            }
            if (cls == LightCurveClass.STOCHASTIC && !Double.isNaN(lastVisit)) {
                double a = Math.exp(-(t0 - lastVisit) / tau);
                drw = drw * a + sigmaVar * Math.sqrt(1 - a * a) * Rng.gaussian(r);
            }
            lastVisit = t0;
            int n = Math.max(4, (int) Math.round(config.exposuresPerVisit() + 3 * Rng.gaussian(r)));
            double[] times = new double[n];
            for (int k = 0; k < n; k++) {
                times[k] = t0 + r.nextDouble() * config.visitSpanDays();
            }
            Arrays.sort(times);
            for (double t : times) {
                double signal = (t - tMid) / 365.25;
                double m1 = b1 + trend1 * signal + drw, m2 = b2 + trend2 * signal + drw;
                if (cls == LightCurveClass.PERIODIC) {
                    double s = amp * Math.sin(2 * Math.PI * t / period + phase);
                    m1 += s;
                    m2 += s;
                }
                rows.add(r, des, ra, dec, t, m1, m2);
            }
        }
    }

    /** The WISE single-exposure error (mag) at magnitude m: 0.05 mag at 14.5 (W1) or 13.5 (W2), 0.02 floor. */
    static double exposureError(double m, double mRef) {
        double x = 0.05 * Math.pow(10, 0.4 * (m - mRef));
        return Math.sqrt(0.02 * 0.02 + x * x);
    }

    /**
     * Simulated epochs and their truth.
     *
     * @param epochs one row per exposure
     * @param truth  one row per source: {@code designation, true_class, true_trend_w1_mag_yr, true_trend_w2_mag_yr,
     *               true_period_d, true_amplitude_mag, mean_w1mpro, mean_w2mpro}
     */
    public record EpochSample(Table epochs, Table truth) {}

    private static final class Rows {
        final List<String> des = new ArrayList<>();
        final DoubleArrayList ra = new DoubleArrayList(), dec = new DoubleArrayList(), mjd = new DoubleArrayList();
        final DoubleArrayList w1 = new DoubleArrayList(), s1 = new DoubleArrayList(), w2 = new DoubleArrayList(), s2 = new DoubleArrayList();
        final DoubleArrayList qi = new DoubleArrayList(), saa = new DoubleArrayList();
        final List<Short> qual = new ArrayList<>(), nb = new ArrayList<>(), na = new ArrayList<>();
        final List<String> moon = new ArrayList<>(), cc = new ArrayList<>();

        void add(SplittableRandom r, String d, double ra0, double dec0, double t, double m1, double m2) {
            double u = r.nextDouble();
            short qf = (short) (u < 0.046 ? 0 : u < 0.271 ? 5 : 10);
            double qif = r.nextDouble() < 0.95 ? 1.0 : r.nextDouble() < 0.8 ? 0.5 : 0.0;
            double sa = r.nextDouble() < 0.01 ? -r.nextDouble(0, 5) : r.nextDouble(0.1, 180);
            double mu = r.nextDouble();
            String mm = mu < 0.93 ? "00" : mu < 0.96 ? "10" : mu < 0.98 ? "01" : "11";
            String c = "0000";
            if (r.nextDouble() < 0.05) {
                char[] f = c.toCharArray();
                f[r.nextInt(4)] = "dhop".charAt(r.nextInt(4));
                c = new String(f);
            }
            boolean bad = qf == 0 || qif < 0.9 || sa <= 0 || !mm.equals("00") || !c.startsWith("00");
            double e1 = exposureError(m1, 14.5), e2 = exposureError(m2, 13.5);
            double o1 = m1 + e1 * Rng.gaussian(r), o2 = m2 + e2 * Rng.gaussian(r);
            if (bad && r.nextBoolean()) {
                double jump = 0.3 * Rng.gaussian(r);
                o1 += jump;
                o2 += jump;
            }
            double re1 = e1 * r.nextDouble(0.9, 1.1), re2 = e2 * r.nextDouble(0.9, 1.1);
            // the real file has NaN magnitudes (11 and 51 in 38,700) and NaN errors with finite magnitudes (182, 78)
            if (r.nextDouble() < 0.0005) {
                o1 = Double.NaN;
                re1 = Double.NaN;
            } else if (r.nextDouble() < 0.004) {
                re1 = Double.NaN;
            }
            if (r.nextDouble() < 0.0015) {
                o2 = Double.NaN;
                re2 = Double.NaN;
            } else if (r.nextDouble() < 0.002) {
                re2 = Double.NaN;
            }
            double[] p = SkySimulator.jitter(r, ra0, dec0, 0.2);
            des.add(d);
            ra.add(p[0]);
            dec.add(p[1]);
            mjd.add(t);
            w1.add(o1);
            s1.add(re1);
            w2.add(o2);
            s2.add(re2);
            qual.add(qf);
            qi.add(qif);
            saa.add(sa);
            moon.add(mm);
            cc.add(c);
            nb.add((short) (r.nextDouble() < 0.98 ? 1 : 2));
            na.add((short) (r.nextDouble() < 0.99 ? 0 : 1));
        }

        Table toTable() {
            return Table.create(TileLayout.DataFile.NEOWISE_EPOCHS.fileName(), StringColumn.create("designation", des),
                    DoubleColumn.create("ra", ra.toDoubleArray()), DoubleColumn.create("dec", dec.toDoubleArray()),
                    DoubleColumn.create("mjd", mjd.toDoubleArray()), floats("w1mpro", w1), floats("w1sigmpro", s1),
                    floats("w2mpro", w2), floats("w2sigmpro", s2), shorts("qual_frame", qual), floats("qi_fact", qi),
                    floats("saa_sep", saa), StringColumn.create("moon_masked", moon), StringColumn.create("cc_flags", cc),
                    shorts("nb", nb), shorts("na", na));
        }

        private static FloatColumn floats(String name, DoubleArrayList v) {
            double[] d = v.toDoubleArray();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return FloatColumn.create(name, f);
        }

        private static ShortColumn shorts(String name, List<Short> v) {
            short[] s = new short[v.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = v.get(i);
            }
            return ShortColumn.create(name, s);
        }
    }

    private static final class Truth {
        final String[] des;
        final String[] cls;
        final double[] t1, t2, period, amp, b1, b2;
        int n;

        Truth(int size) {
            des = new String[size];
            cls = new String[size];
            t1 = new double[size];
            t2 = new double[size];
            period = new double[size];
            amp = new double[size];
            b1 = new double[size];
            b2 = new double[size];
        }

        void add(String d, LightCurveClass c, double tr1, double tr2, double p, double a, double m1, double m2) {
            des[n] = d;
            cls[n] = c.name();
            t1[n] = tr1;
            t2[n] = tr2;
            period[n] = p;
            amp[n] = a;
            b1[n] = m1;
            b2[n] = m2;
            n++;
        }

        Table toTable() {
            return Table.create(TileLayout.DataFile.NEOWISE_TRUTH.fileName(), StringColumn.create("designation", des),
                    StringColumn.create("true_class", cls), DoubleColumn.create("true_trend_w1_mag_yr", t1),
                    DoubleColumn.create("true_trend_w2_mag_yr", t2), DoubleColumn.create("true_period_d", period),
                    DoubleColumn.create("true_amplitude_mag", amp), DoubleColumn.create("mean_w1mpro", b1),
                    DoubleColumn.create("mean_w2mpro", b2));
        }
    }
}
