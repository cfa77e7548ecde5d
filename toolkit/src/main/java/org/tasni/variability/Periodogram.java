package org.tasni.variability;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lomb–Scargle periods of NEOWISE light curves, per source and band.
 *
 * <pre>{@code
 * var periods = Periodogram.of(PeriodogramConfig.standard()).run(epochs);              // one row per source
 * var spectrum = Periodogram.of(PeriodogramConfig.standard()).spectrum(epochs, "J143046.35-025927.8", "w1");
 * }</pre>
 *
 * <p>Per band, points with finite mjd, magnitude and error &gt; 0 are used (no quality cuts: choose the epochs
 * beforehand). Output per band: {@code best_period} (days; the first maximum), {@code best_power}, {@code fap}
 * (Baluev), {@code is_periodic} (FAP below the threshold), {@code second_period} (the highest peak away from f, 2f
 * and f/2, if its power exceeds 0.3 × the best) and {@code alias} (the best frequency lies within one resolution
 * element, 1/T, of a harmonic k/182.6 d⁻¹ of the NEOWISE cadence, k = 1…4). {@code consistent_period}: both bands
 * periodic with periods within 10%.
 */
public final class Periodogram {

    private final PeriodogramConfig config;
    private final int threads;

    private Periodogram(PeriodogramConfig config, int threads) {
        this.config = config;
        this.threads = threads;
    }

    public static Periodogram of(PeriodogramConfig config) {
        return new Periodogram(config, Runtime.getRuntime().availableProcessors());
    }

    public Periodogram threads(int n) {
        return new Periodogram(config, Math.max(1, n));
    }

    /** One row per source (restricted to {@code designations} if any are given). */
    public Table run(Table epochs, String... designations) {
        Epochs e = new Epochs(epochs, "designation", new QualityCuts(VariabilityConfig.standard().withoutQualityCuts()));
        java.util.Set<String> want = new java.util.HashSet<>(java.util.Arrays.asList(designations));
        int[] pick = IntStream.range(0, e.sources()).filter(k -> want.isEmpty() || want.contains(e.designation[k])).toArray();
        if (!want.isEmpty() && pick.length < want.size()) {
            java.util.Set<String> found = new java.util.HashSet<>();
            for (int k : pick) {
                found.add(e.designation[k]);
            }
            want.removeAll(found);
            throw new TasniException(epochs.name() + ": no epochs for " + String.join(", ", want) + ".");
        }
        int n = pick.length;
        String[] des = new String[n];
        int[] nEp = new int[n];
        double[][] res = new double[12][n];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(j -> {
                int k = pick[j];
                e.sortByTime(k);
                des[j] = e.designation[k];
                nEp[j] = e.start[k + 1] - e.start[k];
                double[] b1 = band(e, k, true), b2 = band(e, k, false);
                for (int c = 0; c < 6; c++) {
                    res[c][j] = b1[c];
                    res[6 + c][j] = b2[c];
                }
            })).join();
        } finally {
            pool.shutdown();
        }
        Table t = Table.create("periodogram", StringColumn.create("designation", des), IntColumn.create("n_epochs", nEp));
        boolean[] consistent = new boolean[n];
        for (int b = 0; b < 2; b++) {
            String p = b == 0 ? "w1_" : "w2_";
            boolean[] periodic = new boolean[n], alias = new boolean[n];
            for (int j = 0; j < n; j++) {
                periodic[j] = res[6 * b + 2][j] < config.fapThreshold();
                alias[j] = res[6 * b + 5][j] > 0;
            }
            t.addColumns(DoubleColumn.create(p + "best_period", res[6 * b]), DoubleColumn.create(p + "best_power", res[6 * b + 1]),
                    DoubleColumn.create(p + "fap", res[6 * b + 2]), BooleanColumn.create(p + "is_periodic", periodic));
            if (config.extraColumns()) {
                t.addColumns(DoubleColumn.create(p + "second_period", res[6 * b + 4]), BooleanColumn.create(p + "alias", alias));
            }
        }
        for (int j = 0; j < n; j++) {
            double r = res[0][j] / res[6][j];
            consistent[j] = res[2][j] < config.fapThreshold() && res[8][j] < config.fapThreshold() && r > 0.9 && r < 1.1;
        }
        t.addColumns(BooleanColumn.create("consistent_period", consistent));
        return t;
    }

    /** The grid {f0, df, nf} for n points spanning {@code baseline} days. */
    double[] grid(int n, double baseline) {
        if (config.nFrequencies() == 0 && config.nyquistFactor() > 0) {
            return LombScargle.autoGrid(n, baseline, config.samplesPerPeak(), config.nyquistFactor());
        }
        if (config.nFrequencies() > 0) {
            int nf = config.nFrequencies();
            return new double[] {config.fMin(), (config.fMax() - config.fMin()) / (nf - 1), nf};
        }
        double df = 1 / (config.samplesPerPeak() * baseline);
        return new double[] {config.fMin(), df, Math.floor((config.fMax() - config.fMin()) / df) + 1};
    }

    /** {best period, best power, FAP, best frequency, second period, alias (1/0)}, all NaN below minPoints. */
    private double[] band(Epochs e, int k, boolean w1) {
        LightCurve.Band b = LightCurve.band(e, k, w1);
        double[][] p = {b.mjd(), b.mag(), b.err()};
        int n = b.size();
        double[] out = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
        if (n < config.minPoints() || e.start[k + 1] - e.start[k] < config.minPoints()) {
            return out;
        }
        double baseline = p[0][n - 1] - p[0][0];
        if (!(baseline > 0)) {
            return out;
        }
        double[] g = grid(n, baseline);
        int nf = (int) g[2];
        double[] power = new double[nf];
        LombScargle.power(p[0], p[1], p[2], 0, n, g[0], g[1], nf, power, new LombScargle.Work());
        int best = 0;
        for (int i = 1; i < nf; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        double fBest = g[0] + best * g[1];
        double fMaxFap;
        if (config.fapAutoFmax()) {
            fMaxFap = autoFmax(n, baseline);
        } else {
            fMaxFap = g[0] + g[1] * (nf - 1);
        }
        out[0] = 1 / fBest;
        out[1] = power[best];
        out[2] = LombScargle.fapBaluev(power[best], fMaxFap, p[0], p[2], 0, n);
        out[3] = fBest;
        out[4] = secondPeriod(power, g[0], g[1], fBest, power[best]);
        for (int h = 1; h <= 4; h++) {
            if (Math.abs(fBest - h / PeriodogramConfig.CADENCE_DAYS) < 1 / baseline) {
                out[5] = 1;
            }
        }
        return out;
    }

    /** The highest peak outside ±10% of f and 2f and ±5% of f/2, if above 0.3 × the best power; else NaN. */
    private static double secondPeriod(double[] power, double f0, double df, double fBest, double pBest) {
        int arg = -1;
        for (int i = 0; i < power.length; i++) {
            double f = f0 + i * df;
            if (Math.abs(f - fBest) < 0.1 * fBest || Math.abs(f - 2 * fBest) < 0.1 * fBest
                    || Math.abs(f - fBest / 2) < 0.05 * fBest) {
                continue;
            }
            if (arg < 0 || power[i] > power[arg]) {
                arg = i;
            }
        }
        return arg >= 0 && power[arg] > 0.3 * pBest ? 1 / (f0 + arg * df) : Double.NaN;
    }

    /**
     * The power at which a peak of this source and band has false-alarm probability {@code fap} (Baluev, over the
     * searched band, or astropy's auto band for the legacy preset): the dashed line of a periodogram plot.
     */
    public double powerAtFap(Table epochs, String designation, String band, double fap) {
        LightCurve.Band b = band.equals("w1") ? LightCurve.of(epochs, designation).w1() : LightCurve.of(epochs, designation).w2();
        int n = b.size();
        if (n < 4) {
            return Double.NaN;
        }
        double baseline = b.mjd()[n - 1] - b.mjd()[0];
        double[] g = grid(n, baseline);
        double fMax = config.fapAutoFmax() ? autoFmax(n, baseline) : g[0] + g[1] * (g[2] - 1);
        double lo = 0, hi = 1;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (LombScargle.fapBaluev(mid, fMax, b.mjd(), b.err(), 0, n) > fap) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static double autoFmax(int n, double baseline) {
        double[] auto = LombScargle.autoGrid(n, baseline, 5, 5);
        return auto[0] + auto[1] * (auto[2] - 1);
    }

    /** The periodogram of one source and band ("w1" or "w2"): frequency_per_day, period_days, power. */
    public Table spectrum(Table epochs, String designation, String band) {
        Epochs e = new Epochs(epochs, "designation", new QualityCuts(VariabilityConfig.standard().withoutQualityCuts()));
        int k = -1;
        for (int j = 0; j < e.sources(); j++) {
            if (e.designation[j].equals(designation)) {
                k = j;
            }
        }
        if (k < 0) {
            throw new TasniException(epochs.name() + ": no epochs for " + designation + ".");
        }
        if (!band.equals("w1") && !band.equals("w2")) {
            throw new TasniException("band must be w1 or w2 (got '" + band + "').");
        }
        e.sortByTime(k);
        LightCurve.Band b = LightCurve.band(e, k, band.equals("w1"));
        double[][] p = {b.mjd(), b.mag(), b.err()};
        int n = b.size();
        if (n < 2) {
            throw new TasniException(designation + ": fewer than 2 usable " + band + " points.");
        }
        double[] g = grid(n, p[0][n - 1] - p[0][0]);
        int nf = (int) g[2];
        double[] power = new double[nf], f = new double[nf], per = new double[nf];
        LombScargle.power(p[0], p[1], p[2], 0, n, g[0], g[1], nf, power, new LombScargle.Work());
        for (int i = 0; i < nf; i++) {
            f[i] = g[0] + i * g[1];
            per[i] = 1 / f[i];
        }
        return Table.create(designation + " " + band, DoubleColumn.create("frequency_per_day", f),
                DoubleColumn.create("period_days", per), DoubleColumn.create("power", power));
    }
}
