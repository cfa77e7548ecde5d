package org.tasni.variability;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tasni.Progress;
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
 * periodic with periods within 10%. A band with no usable point, fewer than {@code minPoints}, one visit or a
 * constant light curve has NaN period, power and FAP and a {@code note} saying which; powers and FAPs lie in [0, 1].
 * The grid is bounded ({@link PeriodogramConfig#MAX_FREQUENCIES}); rows with an mjd outside the WISE/NEOWISE span,
 * a non-finite mjd, no designation, or a repeated (designation, mjd) are left out and counted in {@link #report()}.
 */
public final class Periodogram {

    /**
     * NEOWISE sees a position for 1–2 days every 182.6 days: points all within this span (days) are one visit, whose
     * periodogram over 0.5–1000 d says nothing. A densely sampled curve over a longer span is not one visit.
     */
    static final double VISIT_GAP_DAYS = 50;
    /** Frequencies computed between two progress reports and between two restarts of the cos/sin recurrence. */
    private static final int CHUNK = 4096;

    private final PeriodogramConfig config;
    private final int threads;
    private final Progress progress;
    private volatile PeriodogramReport report;

    private Periodogram(PeriodogramConfig config, int threads, Progress progress) {
        this.config = config;
        this.threads = threads;
        this.progress = progress;
    }

    public static Periodogram of(PeriodogramConfig config) {
        return new Periodogram(config, Runtime.getRuntime().availableProcessors(), Progress.byDefault());
    }

    public Periodogram threads(int n) {
        if (n < 1) {
            throw new TasniException("threads must be >= 1 (got " + n + ").");
        }
        return new Periodogram(config, n, progress);
    }

    /** Reports {@link #run}'s progress in frequencies computed, summed over every light curve. */
    public Periodogram progress(Progress p) {
        return new Periodogram(config, threads, p == null ? Progress.NONE : p);
    }

    /** What the last {@link #run} did, or null before it. */
    public PeriodogramReport report() {
        return report;
    }

    /** Why a band gets no period, or null when it gets one. */
    private String verdict(LightCurve.Band b) {
        int n = b.size();
        if (n == 0) {
            return "no usable points";
        }
        if (n < config.minPoints()) {
            return "fewer than " + config.minPoints() + " usable points (" + n + ")";
        }
        if (b.mjd()[n - 1] - b.mjd()[0] < VISIT_GAP_DAYS) {
            return "one visit";
        }
        if (LombScargle.constant(b.mag(), b.err(), 0, n)) {
            return "constant light curve";
        }
        return null;
    }

    /**
     * One row per source (restricted to {@code designations} if any are given). A band without a period (too few
     * points, one visit, a constant light curve) has NaN period, power and FAP, and says why in {@code w1_note} /
     * {@code w2_note} (presets with extra columns) and in {@link #report()}.
     *
     * @throws TasniException before any power is computed, if a band would need more than
     *                        {@link PeriodogramConfig#MAX_FREQUENCIES} frequencies
     */
    public Table run(Table epochs, String... designations) {
        long t0 = System.nanoTime();
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
        // first every band's verdict and grid size: a grid too large is refused before any work, and the total
        // number of frequencies is what the progress counts
        String[][] note = new String[2][n];
        long total = 0;
        for (int j = 0; j < n; j++) {
            int k = pick[j];
            e.sortByTime(k);
            for (int b = 0; b < 2; b++) {
                LightCurve.Band lc = LightCurve.band(e, k, b == 0);
                note[b][j] = verdict(lc);
                if (note[b][j] == null) {
                    int m = lc.size();
                    total += (long) grid(m, lc.mjd()[m - 1] - lc.mjd()[0], e.designation[k] + " " + (b == 0 ? "w1" : "w2"))[2];
                }
            }
        }
        String[] des = new String[n];
        int[] nEp = new int[n];
        double[][] res = new double[12][n];
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        progress.onStart("periodogram frequencies", total);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(j -> {
                int k = pick[j];
                des[j] = e.designation[k];
                nEp[j] = e.start[k + 1] - e.start[k];
                for (int b = 0; b < 2; b++) {
                    double[] r = note[b][j] == null ? band(LightCurve.band(e, k, b == 0), done) : NO_PERIOD.clone();
                    if (note[b][j] == null && Double.isNaN(r[0])) {
                        note[b][j] = "no power at any frequency";
                    }
                    for (int c = 0; c < 6; c++) {
                        res[6 * b + c][j] = r[c];
                    }
                }
            })).join();
        } finally {
            pool.shutdown();
            progress.onDone();
        }
        Table t = Table.create("periodogram", StringColumn.create("designation", des), IntColumn.create("n_epochs", nEp));
        boolean[] consistent = new boolean[n];
        long periodicBands = 0;
        java.util.Map<String, Long> noPeriod = new java.util.TreeMap<>();
        for (int b = 0; b < 2; b++) {
            String p = b == 0 ? "w1_" : "w2_";
            boolean[] periodic = new boolean[n], alias = new boolean[n];
            String[] why = new String[n];
            for (int j = 0; j < n; j++) {
                periodic[j] = res[6 * b + 2][j] < config.fapThreshold();
                alias[j] = res[6 * b + 5][j] > 0;
                why[j] = note[b][j] == null ? "" : note[b][j];
                periodicBands += periodic[j] ? 1 : 0;
                if (note[b][j] != null) {
                    noPeriod.merge(p + note[b][j].replaceAll(" \\(\\d+\\)$", ""), 1L, Long::sum);
                }
            }
            t.addColumns(DoubleColumn.create(p + "best_period", res[6 * b]), DoubleColumn.create(p + "best_power", res[6 * b + 1]),
                    DoubleColumn.create(p + "fap", res[6 * b + 2]), BooleanColumn.create(p + "is_periodic", periodic));
            if (config.extraColumns()) {
                t.addColumns(DoubleColumn.create(p + "second_period", res[6 * b + 4]), BooleanColumn.create(p + "alias", alias),
                        StringColumn.create(p + "note", why));
            }
        }
        for (int j = 0; j < n; j++) {
            double r = res[0][j] / res[6][j];
            consistent[j] = res[2][j] < config.fapThreshold() && res[8][j] < config.fapThreshold() && r > 0.9 && r < 1.1;
        }
        t.addColumns(BooleanColumn.create("consistent_period", consistent));
        long nConsistent = IntStream.range(0, n).filter(j -> consistent[j]).count();
        report = new PeriodogramReport(config.name(), e.rows, n, e.dropped, noPeriod, periodicBands, nConsistent,
                (System.nanoTime() - t0) / 1e9);
        return t;
    }

    /** {best period, best power, FAP, best frequency, second period, alias}: no period, no alias. */
    private static final double[] NO_PERIOD = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};

    /**
     * The grid {f0, df, nf} for n points spanning {@code baseline} days.
     *
     * @param who the source and band, for the message
     * @throws TasniException if the grid has more than {@link PeriodogramConfig#MAX_FREQUENCIES} frequencies
     */
    double[] grid(int n, double baseline, String who) {
        double[] g;
        if (config.nFrequencies() == 0 && config.nyquistFactor() > 0) {
            g = LombScargle.autoGrid(n, baseline, config.samplesPerPeak(), config.nyquistFactor());
        } else if (config.nFrequencies() > 0) {
            int nf = config.nFrequencies();
            g = new double[] {config.fMin(), (config.fMax() - config.fMin()) / (nf - 1), nf};
        } else {
            double df = 1 / (config.samplesPerPeak() * baseline);
            g = new double[] {config.fMin(), df, Math.floor((config.fMax() - config.fMin()) / df) + 1};
        }
        // the grid grows with the baseline (and, for astropy-auto, with n): bound what any input can allocate
        if (!(g[2] >= 1 && g[2] <= PeriodogramConfig.MAX_FREQUENCIES)) {
            throw new TasniException(String.format("%s: the %s periodogram grid would have %,.0f frequencies for %,d points "
                    + "over %,.1f days, more than the limit of %,d. Check the mjd column, or use a preset with a fixed grid "
                    + "(tasni-legacy) or fewer samples per peak.", who, config.name(), g[2], n, baseline,
                    PeriodogramConfig.MAX_FREQUENCIES));
        }
        return g;
    }

    /** The powers of the grid, computed in chunks of frequencies so that long work reports its progress. */
    private double[] powers(LightCurve.Band b, double[] g, java.util.concurrent.atomic.AtomicLong done) {
        int n = b.size(), nf = (int) g[2];
        double[] power = new double[nf];
        LombScargle.Work work = new LombScargle.Work();
        for (int k0 = 0; k0 < nf; k0 += CHUNK) {
            int m = Math.min(CHUNK, nf - k0);
            LombScargle.power(b.mjd(), b.mag(), b.err(), 0, n, g[0] + k0 * g[1], g[1], m, power, k0, work);
            if (done != null) {
                synchronized (done) { // one bar, many threads: counts reported in order
                    progress.onProgress(done.addAndGet(m));
                }
            }
        }
        return power;
    }

    /** {best period, best power, FAP, best frequency, second period, alias (1/0)} of a band with a verdict of null. */
    private double[] band(LightCurve.Band b, java.util.concurrent.atomic.AtomicLong done) {
        double[][] p = {b.mjd(), b.mag(), b.err()};
        int n = b.size();
        double[] out = NO_PERIOD.clone();
        double baseline = p[0][n - 1] - p[0][0];
        double[] g = grid(n, baseline, "");
        int nf = (int) g[2];
        double[] power = powers(b, g, done);
        int best = 0;
        for (int i = 1; i < nf; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        if (!(power[best] > 0)) {
            return out; // no frequency explains any variance: no period
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
        double fap = LombScargle.fapBaluev(power[best], fMaxFap, p[0], p[2], 0, n);
        out[2] = fap >= 0 ? Math.min(1, fap) : Double.NaN; // a probability, whatever the rounding
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
        if (!(baseline > 0)) {
            return Double.NaN;
        }
        double[] g = grid(n, baseline, designation + " " + band);
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

    /**
     * The periodogram of one source and band ("w1" or "w2"): frequency_per_day, period_days, power (NaN for a
     * constant light curve, whose power is undefined).
     */
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
        if (!(p[0][n - 1] > p[0][0])) {
            throw new TasniException(designation + ": all usable " + band + " points are at one mjd; no periodogram.");
        }
        double[] g = grid(n, p[0][n - 1] - p[0][0], designation + " " + band);
        int nf = (int) g[2];
        double[] power = powers(b, g, null), f = new double[nf], per = new double[nf];
        for (int i = 0; i < nf; i++) {
            f[i] = g[0] + i * g[1];
            per[i] = 1 / f[i];
        }
        return Table.create(designation + " " + band, DoubleColumn.create("frequency_per_day", f),
                DoubleColumn.create("period_days", per), DoubleColumn.create("power", power));
    }
}
