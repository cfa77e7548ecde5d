package org.tasni.variability;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.Threads;
import org.tasni.io.Columns;
import org.tasni.io.ResultTable;
import org.tasni.variability.LombScargle.Grid;
import org.tasni.variability.PeriodSearch.BandPeriod;
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
 * periods.report();                                                                     // counts, timing
 * var spectrum = Periodogram.of(PeriodogramConfig.standard()).spectrum(epochs, "J143046.35-025927.8", Band.W1);
 * }</pre>
 *
 * <p>Per band, points with finite mjd, magnitude and error &gt; 0 are used (no quality cuts: choose the epochs
 * beforehand). Output per band: {@code best_period} (days; the first maximum), {@code best_power}, {@code fap}
 * (Baluev), {@code is_periodic} (FAP below the threshold), {@code second_period} (the highest peak away from f, 2f
 * and f/2, if its power exceeds 0.3 × the best) and {@code alias} (the best frequency lies within one resolution
 * element, 1/T, of a harmonic k/182.6 d⁻¹ of the NEOWISE cadence, k = 1…4). {@code consistent_period}: both bands
 * periodic with periods within 10%. In the presets with extra columns (standard, astropy-auto) a band flagged
 * {@code alias} is not periodic (a trend sampled once per visit peaks at the cadence), and a best period longer than
 * the band's baseline gets a NaN period and the note "period longer than the baseline" (less than one cycle was
 * observed: a trend, not a period); tasni-legacy keeps the reference's rule, FAP alone. A band with no usable point, fewer than {@code minPoints}, one visit or a
 * constant light curve has NaN period, power and FAP and a {@code note} saying which; powers and FAPs lie in [0, 1].
 * The grid is bounded ({@link PeriodogramConfig#MAX_FREQUENCIES}); rows with an mjd outside the WISE/NEOWISE span,
 * a non-finite mjd, no designation, or a repeated (designation, mjd) are left out and counted in {@link #report()}; a
 * band's measurement with a non-finite magnitude, one outside [−5, 30] mag or an unusable error is left out of that
 * band's points and counted per band and reason ({@link PeriodogramReport#unusableW1()}), as {@code variability}
 * counts it.
 */
public final class Periodogram {

    /**
     * NEOWISE sees a position for 1–2 days every 182.6 days: points all within this span (days) are one visit, whose
     * periodogram over 0.5–1000 d says nothing. A densely sampled curve over a longer span is not one visit.
     */
    static final double VISIT_GAP_DAYS = 50;
    private final PeriodogramConfig config;
    private final int threads;
    private final Progress progress;
    private final PeriodSearch search;
    private volatile PeriodogramReport report;

    private Periodogram(PeriodogramConfig config, int threads, Progress progress) {
        this.config = config;
        this.threads = threads;
        this.progress = progress;
        this.search = new PeriodSearch(config, progress);
    }

    /**
     * A periodogram with this configuration, on all cores, without progress.
     *
     * @param config a preset ({@link PeriodogramConfig#standard()}, …), possibly changed with its {@code with…} methods
     */
    public static Periodogram of(PeriodogramConfig config) {
        return new Periodogram(TasniException.requireGiven(config, "the periodogram configuration"), Runtime.getRuntime().availableProcessors(), Progress.byDefault());
    }

    /** Runs on {@code n} threads. @throws TasniException if n &lt; 1 */
    public Periodogram threads(int n) {
        return new Periodogram(config, Threads.check(n), progress);
    }

    /** Reports {@link #run}'s progress in frequencies computed, summed over every light curve. */
    public Periodogram progress(Progress p) {
        return new Periodogram(config, threads, p == null ? Progress.NONE : p);
    }

    /** What the last {@link #run} did, or null before it; the result's {@code report()} is the same. */
    public PeriodogramReport report() {
        return report;
    }

    /** The note of a band whose best period is longer than its baseline (presets with extra columns). */
    static final String LONGER_THAN_BASELINE = "period longer than the baseline";

    /**
     * Whether a band's period counts as periodic: a finite period with FAP below the threshold and, for the presets
     * with extra columns, not a cadence alias. A peak at a harmonic of 182.6 d is what a trend or any slow change
     * sampled once per visit produces (the window function), so a low FAP there says nothing about periodicity. The
     * reference's preset (tasni-legacy, no alias column) keeps the reference's rule, FAP alone.
     */
    private boolean periodic(BandPeriod r, double fapMax) {
        return significant(r.fap(), r.period(), fapMax) && !(config.extraColumns() && r.alias());
    }

    /**
     * Whether a band's best period is significant: found (a band without one has NaN) and with its FAP below the
     * threshold. {@code is_periodic} is this less the cadence aliases; the pipeline's ranking applies it to the aliases
     * that {@code is_periodic} leaves out, to say when a significant peak is the sampling's.
     */
    public static boolean significant(double fap, double periodDays, double fapThreshold) {
        return fap < fapThreshold && periodDays > 0;
    }

    /** Why a band gets no period, or null when it gets one. */
    private String verdict(LightCurve.Points b) {
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
     * {@code w2_note} (presets with extra columns) and in the report ({@code result.report()}).
     *
     * @throws TasniException before any power is computed, if a band would need more than
     *                        {@link PeriodogramConfig#MAX_FREQUENCIES} frequencies
     */
    public ResultTable<PeriodogramReport> run(Table epochs, String... designations) {
        TasniException.requireGiven(epochs, "the epochs table");
        TasniException.requireGiven(designations, "the designations");
        long t0 = System.nanoTime();
        Epochs e = new Epochs(epochs, "designation", QualityCuts.none());
        Set<String> want = new HashSet<>(Arrays.asList(designations));
        if (want.stream().anyMatch(d -> d == null || d.isBlank())) {
            // an empty name selects nothing, and none at all would mean every source
            throw new TasniException("a designation to select is empty; name each source to analyse, or none for "
                    + "every source.");
        }
        int[] pick = IntStream.range(0, e.sources()).filter(k -> want.isEmpty() || want.contains(e.designation[k])).toArray();
        if (!want.isEmpty() && pick.length < want.size()) {
            Set<String> found = new HashSet<>();
            for (int k : pick) {
                found.add(e.designation[k]);
            }
            want.removeAll(found);
            throw new TasniException(Columns.label(epochs) + ": no epochs for " + String.join(", ", want) + ".");
        }
        int n = pick.length;
        // first every band's verdict and grid size: a grid too large is refused before any work, and the total
        // number of frequencies is what the progress counts
        Band[] bands = Band.values();
        String[][] note = new String[bands.length][n];
        long total = 0;
        for (int j = 0; j < n; j++) {
            int k = pick[j];
            e.sortByTime(k);
            for (Band b : bands) {
                LightCurve.Points lc = LightCurve.points(e, k, b);
                note[b.ordinal()][j] = verdict(lc);
                if (note[b.ordinal()][j] == null) {
                    int m = lc.size();
                    total += search.grid(m, lc.mjd()[m - 1] - lc.mjd()[0], e.designation[k] + " " + b.key()).n();
                }
            }
        }
        String[] des = new String[n];
        int[] nEp = new int[n];
        BandPeriod[][] res = new BandPeriod[bands.length][n];
        AtomicLong done = new AtomicLong();
        progress.onStart("periodogram frequencies", total);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(j -> {
                int k = pick[j];
                des[j] = e.designation[k];
                nEp[j] = e.start[k + 1] - e.start[k];
                LightCurve.Points[] lcs = new LightCurve.Points[bands.length];
                BandPeriod[] found = new BandPeriod[bands.length];
                for (Band b : bands) {
                    lcs[b.ordinal()] = note[b.ordinal()][j] == null ? LightCurve.points(e, k, b) : null;
                }
                LightCurve.Points l1 = lcs[Band.W1.ordinal()], l2 = lcs[Band.W2.ordinal()];
                if (l1 != null && l2 != null) {
                    // W1 and W2 from the same exposures: one pass of cos and sin for both where they share most times
                    BandPeriod[] r = search.bestPair(l1, l2, done);
                    found[Band.W1.ordinal()] = r[0];
                    found[Band.W2.ordinal()] = r[1];
                }
                for (Band b : bands) {
                    int bi = b.ordinal();
                    LightCurve.Points lc = lcs[bi];
                    BandPeriod r = found[bi] != null ? found[bi] : lc != null ? search.best(lc, done) : BandPeriod.NONE;
                    if (note[bi][j] == null && Double.isNaN(r.period())) {
                        note[bi][j] = "no power at any frequency";
                    } else if (lc != null && config.extraColumns()
                            && r.period() > lc.mjd()[lc.size() - 1] - lc.mjd()[0]) {
                        // less than one cycle observed: a trend or a curvature, not a period (item of issue #11)
                        note[bi][j] = LONGER_THAN_BASELINE;
                        r = new BandPeriod(Double.NaN, r.power(), r.fap(), Double.NaN, r.secondPeriod(), false);
                    }
                    res[bi][j] = r;
                }
            })).join();
        } finally {
            pool.shutdown();
            progress.onDone();
        }
        Table t = Table.create("periodogram", StringColumn.create("designation", des), IntColumn.create("n_epochs", nEp));
        boolean[] consistent = new boolean[n];
        long periodicBands = 0;
        Map<String, Long> noPeriod = new TreeMap<>();
        double fapMax = config.fapThreshold();
        for (Band b : bands) {
            int bi = b.ordinal();
            String p = b.prefix();
            double[] period = new double[n], power = new double[n], fap = new double[n], second = new double[n];
            boolean[] periodic = new boolean[n], alias = new boolean[n];
            String[] why = new String[n];
            for (int j = 0; j < n; j++) {
                BandPeriod r = res[bi][j];
                period[j] = r.period();
                power[j] = r.power();
                fap[j] = r.fap();
                second[j] = r.secondPeriod();
                periodic[j] = periodic(r, fapMax);
                alias[j] = r.alias();
                why[j] = note[bi][j] == null ? "" : note[bi][j];
                periodicBands += periodic[j] ? 1 : 0;
                if (note[bi][j] != null) {
                    noPeriod.merge(p + note[bi][j].replaceAll(" \\(\\d+\\)$", ""), 1L, Long::sum);
                }
            }
            t.addColumns(DoubleColumn.create(p + "best_period", period), DoubleColumn.create(p + "best_power", power),
                    DoubleColumn.create(p + "fap", fap), BooleanColumn.create(p + "is_periodic", periodic));
            if (config.extraColumns()) {
                t.addColumns(DoubleColumn.create(p + "second_period", second), BooleanColumn.create(p + "alias", alias),
                        StringColumn.create(p + "note", why));
            }
        }
        BandPeriod[] w1 = res[Band.W1.ordinal()], w2 = res[Band.W2.ordinal()];
        for (int j = 0; j < n; j++) {
            double r = w1[j].period() / w2[j].period();
            consistent[j] = periodic(w1[j], fapMax) && periodic(w2[j], fapMax) && r > 0.9 && r < 1.1;
        }
        t.addColumns(BooleanColumn.create("consistent_period", consistent));
        long nConsistent = IntStream.range(0, n).filter(j -> consistent[j]).count();
        // a NaN or out-of-range magnitude or a bad error leaves that band's point out (LightCurve.points): counted per
        // band and reason as variability counts them, over the sources analysed; the exposures of the others are
        // counted as not selected, so that rows = dropped + not selected + the analysed sources' exposures
        e.countUnusable(pick);
        long analysed = Arrays.stream(pick).mapToLong(k -> e.start[k + 1] - e.start[k]).sum();
        report = new PeriodogramReport(config.name(), e.rows, n, e.dropped, e.keptRows() - analysed, e.unusableW1,
                e.unusableW2, noPeriod, periodicBands, nConsistent, (System.nanoTime() - t0) / 1e9);
        return new ResultTable<>(t, report);
    }

    /**
     * The power at which a peak of this source and band has false-alarm probability {@code fap} (Baluev, over the
     * searched band, or astropy's auto band for the legacy preset): the dashed line of a periodogram plot.
     */
    public double powerAtFap(Table epochs, String designation, Band band, double fap) {
        TasniException.requireGiven(band, "the band");
        if (!(fap > 0 && fap < 1)) {
            // a probability: outside (0, 1) the bisection returns an end of its range, a line drawn at no FAP
            throw new TasniException("powerAtFap: the false-alarm probability must lie between 0 and 1 (got " + fap + ").");
        }
        return search.powerAtFap(LightCurve.of(epochs, designation).points(band), fap, designation + " " + band.key());
    }

    /** {@link #powerAtFap(Table, String, Band, double)} with the band by name ("w1" or "w2"). */
    public double powerAtFap(Table epochs, String designation, String band, double fap) {
        return powerAtFap(epochs, designation, Band.of(band), fap);
    }

    /** {@link #spectrum(Table, String, Band)} with the band by name ("w1" or "w2"). */
    public Table spectrum(Table epochs, String designation, String band) {
        return spectrum(epochs, designation, Band.of(band));
    }

    /**
     * The periodogram of one source and band: frequency_per_day, period_days, power (NaN for a constant light curve,
     * whose power is undefined).
     */
    public Table spectrum(Table epochs, String designation, Band band) {
        TasniException.requireGiven(band, "the band");
        Epochs e = Epochs.ofSource(epochs, "designation", designation, QualityCuts.none());
        int k = e.source(designation);
        e.sortByTime(k);
        LightCurve.Points b = LightCurve.points(e, k, band);
        double[] t = b.mjd();
        int n = b.size();
        if (n < 2) {
            throw new TasniException(designation + ": fewer than 2 usable " + band.key() + " points.");
        }
        if (!(t[n - 1] > t[0])) {
            throw new TasniException(designation + ": all usable " + band.key() + " points are at one mjd; no periodogram.");
        }
        Grid g = search.grid(n, t[n - 1] - t[0], designation + " " + band.key());
        int nf = g.n();
        double[] power = search.powers(b, g, null), f = new double[nf], per = new double[nf];
        for (int i = 0; i < nf; i++) {
            f[i] = g.f0() + i * g.df();
            per[i] = 1 / f[i];
        }
        return Table.create(designation + " " + band.key(), DoubleColumn.create("frequency_per_day", f),
                DoubleColumn.create("period_days", per), DoubleColumn.create("power", power));
    }
}
