package org.tasni.variability;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The standard method: quality cuts, NaN-skipping, per-band weighted statistics ({@link BandStatistics}), Stetson J
 * and K ({@link StetsonIndices}), optional visit binning, and the standard classification.
 *
 * <p>Columns: {@code designation, n_rows, n_cut_<cut>…, n_nan_w1, n_nan_w2, n_visits, baseline_years}, per band
 * {@code n, mean, rms, chi2, eta} (suffixed {@code _w1}) and {@code trend_w1_mag_yr, trend_w1_err, trend_w1_p,
 * trend_w1_r2}, then {@code stetson_j, stetson_k_w1, stetson_k_w2, flag}. A band whose usable epochs span less than
 * {@link VariabilityConfig#MIN_TREND_BASELINE_DAYS} (one visit; {@code n_visits} 1 where the whole source does) has
 * NaN trend columns, and a band's trend makes a source FADING or BRIGHTENING only over minBaselineYears of that
 * band's own epochs: {@code baseline_years} is the source's span over every exposure kept.
 */
final class StandardMethod implements VariabilityMethod {

    private final VariabilityConfig.Statistics stats;
    private final VariabilityConfig.Classification cls;

    StandardMethod(VariabilityConfig config) {
        this.stats = config.statistics();
        this.cls = config.classification();
    }

    /** The unusable band measurements are counted as the sources are gathered, not in a pass of their own. */
    @Override
    public boolean countsUnusableUpFront() {
        return false;
    }

    @Override
    public Table compute(Epochs e, SourceLoop loop) {
        Columns c = new Columns(e.sources());
        loop.forEach(e.sources(), (k, x) -> source(e, k, x, c));
        int cut = 0;
        for (int n : c.nCut) {
            cut += n;
        }
        e.cutRowsCounted(cut); // counted as the sources were gathered: the report needs no serial pass over every row
        return c.toTable(e);
    }

    /** The output columns, one slot per source. */
    private static final class Columns {
        final BandStatistics.PerSource[] bands;
        final StetsonIndices.PerSource stetson;
        final double[] baseline;
        final int[] nRows, nVisits;
        /** Per source, its exposures that failed a quality cut (for the report; no output column). */
        final int[] nCut;
        final int[][] nNan, cuts;
        /** Per source, its flag's ordinal in {@link VariabilityFlag#values()}. */
        final int[] flag;

        Columns(int ns) {
            bands = new BandStatistics.PerSource[] {new BandStatistics.PerSource(ns), new BandStatistics.PerSource(ns)};
            stetson = new StetsonIndices.PerSource(ns);
            baseline = new double[ns];
            nRows = new int[ns];
            nVisits = new int[ns];
            nCut = new int[ns];
            nNan = new int[2][ns];
            cuts = new int[QualityCuts.NAMES.length][ns];
            flag = new int[ns];
        }

        Table toTable(Epochs e) {
            // the string columns from codes, not StringColumn.create's hash lookup per row: each source's designation
            // is its own (row k is designation k), a flag one of a few names
            int[] rowOf = new int[nRows.length];
            Arrays.setAll(rowOf, k -> k);
            Table t = Table.create("variability", org.tasni.io.Columns.fromCodes("designation", rowOf, rowOf.length,
                    e.designation), IntColumn.create("n_rows", nRows));
            for (int c = 0; c < QualityCuts.NAMES.length; c++) {
                t.addColumns(IntColumn.create("n_cut_" + QualityCuts.NAMES[c], cuts[c]));
            }
            for (Band b : Band.values()) {
                t.addColumns(IntColumn.create("n_nan" + b.suffix(), nNan[b.ordinal()]));
            }
            t.addColumns(IntColumn.create("n_visits", nVisits), DoubleColumn.create("baseline_years", baseline));
            for (Band b : Band.values()) {
                BandStatistics.PerSource s = bands[b.ordinal()];
                String x = b.suffix(), tr = "trend" + x;
                t.addColumns(IntColumn.create("n" + x, s.n), DoubleColumn.create("mean" + x, s.mean),
                        DoubleColumn.create("rms" + x, s.rms), DoubleColumn.create("chi2" + x, s.chi2),
                        DoubleColumn.create("eta" + x, s.eta), DoubleColumn.create(tr + "_mag_yr", s.trend),
                        DoubleColumn.create(tr + "_err", s.trendErr), DoubleColumn.create(tr + "_p", s.trendP),
                        DoubleColumn.create(tr + "_r2", s.r2));
            }
            t.addColumns(DoubleColumn.create("stetson_j", stetson.j), DoubleColumn.create("stetson_k" + Band.W1.suffix(), stetson.k1),
                    DoubleColumn.create("stetson_k" + Band.W2.suffix(), stetson.k2),
                    org.tasni.io.Columns.fromCodes(VariabilityFlag.COLUMN, flag, flag.length, FLAG_NAMES));
            return t;
        }
    }

    /** The flags' names, by ordinal. */
    private static final String[] FLAG_NAMES = Arrays.stream(VariabilityFlag.values()).map(Enum::name)
            .toArray(String[]::new);

    /** Every statistic of source k into slot k of c. */
    private void source(Epochs e, int k, Exposures x, Columns c) {
        double gap = stats.visitGapDays();
        int n;
        if (stats.binVisits()) {
            int gathered = gather(e, k, x, c);
            c.nCut[k] = c.nRows[k] - gathered;
            n = VisitBinning.bin(x.t, x.m, x.s, gathered, gap);
            x.usable(n, 0);
            x.usable(n, 1);
            c.nVisits[k] = VisitBinning.countVisits(x.t, n, gap);
        } else {
            // the usual case: no visit binning, so each band is compacted, and the visits counted, as it is read
            n = gatherUsable(e, k, x, c, gap);
            c.nCut[k] = c.nRows[k] - n;
        }
        c.baseline[k] = n > 0 ? (x.t[n - 1] - x.t[0]) / 365.25 : Double.NaN;
        int longBands = 0; // bit b: band b's own usable epochs span minBaselineYears
        for (int b = 0; b < 2; b++) {
            int nb = x.usable[b];
            BandStatistics.into(x.bt[b], x.bm[b], x.bs[b], nb, x.weights, x.years, c.bands[b], k);
            // A band's trend is judged over its own usable epochs (in time order), not the source's: a W1-faint
            // source detected in W1 in one visit of a ten-year light curve has no W1 trend, however steep the
            // visit's drift
            double span = nb > 0 ? (x.bt[b][nb - 1] - x.bt[b][0]) / 365.25 : Double.NaN;
            if (!VariabilityConfig.trendMeasurable(span)) {
                c.bands[b].noTrend(k);
            }
            if (span >= cls.minBaselineYears()) {
                longBands |= 1 << b;
            }
        }
        // Stetson's J and K from the bands' usable epochs as compacted above (no compaction of its own)
        StetsonIndices.ofCompacted(x.bm, x.bs, x.usable, x.bands, n, x.stetson, c.stetson, k);
        c.flag[k] = classify(c.bands, k, longBands).ordinal();
    }

    /**
     * Copies source k's exposures that pass the quality cuts into x, in time order, counting the cut ones per cut and
     * the unusable band measurements per band (per source, and by reason in the epochs' counts); returns their number.
     * The copy loop only copies (and counts cuts); the time order and the unusable measurements are checked after it
     * on the copied arrays, which are contiguous, not through the row order.
     */
    private static int gather(Epochs e, int k, Exposures x, Columns c) {
        int from = e.start[k], to = e.start[k + 1];
        c.nRows[k] = to - from;
        x.ensure(to - from);
        EpochColumn mjd = e.mjd, w1 = e.w1, e1 = e.e1, w2 = e.w2, e2 = e.e2;
        byte[] cut = e.cut;
        double[] t = x.t, m1 = x.m[0], s1 = x.s[0], m2 = x.m[1], s2 = x.s[1];
        int n = 0;
        for (int r = from; r < to; r++) {
            int i = e.row(r);
            if (cut != null && cut[i] != 0) {
                countCuts(cut[i], c.cuts, k);
                continue;
            }
            t[n] = mjd.get(i);
            m1[n] = w1.get(i); // a float widened: the same double as a double copy of it
            s1[n] = e1.get(i);
            m2[n] = w2.get(i);
            s2[n] = e2.get(i);
            n++;
        }
        if (!increasing(t, n)) {
            // rare: the input was not in time order; sort, and gather again (counting the cuts again). The kept rows
            // are all that is checked: a cut row out of order changes nothing that is copied. Epochs has dropped NaN
            // times and a source's repeated times, so sorted kept rows are strictly increasing.
            e.sortByTime(k);
            for (int[] perCut : c.cuts) {
                perCut[k] = 0;
            }
            return gather(e, k, x, c);
        }
        if (anyUnusable(m1, s1, m2, s2, n)) {
            countUnusable(e, from, to, c, k);
        }
        return n;
    }

    /**
     * What {@link #gather} and then {@link Exposures#usable} for both bands give, in one pass over source k's rows: the
     * exposures that pass the quality cuts into {@code x.t}, each band's usable ones compacted into {@code x.bt[b]},
     * {@code x.bm[b]}, {@code x.bs[b]} with their number in {@code x.usable[b]}, and per exposure its usable bands in
     * {@code x.bands}; the cuts and the unusable measurements are counted as there, and the visits (gaps longer than
     * {@code gap} days, as {@link VisitBinning#countVisits}) into {@code c.nVisits[k]}. Returns the number of
     * exposures. One pass instead of five (copy, time-order check, unusable check, two compactions, visit count): the
     * rows are read once.
     */
    private static int gatherUsable(Epochs e, int k, Exposures x, Columns c, double gap) {
        int from = e.start[k], to = e.start[k + 1];
        c.nRows[k] = to - from;
        x.ensure(to - from);
        EpochColumn mjd = e.mjd, w1 = e.w1, e1 = e.e1, w2 = e.w2, e2 = e.e2;
        byte[] cut = e.cut, bands = x.bands;
        double[] t = x.t, t1 = x.bt[0], m1 = x.bm[0], s1 = x.bs[0], t2 = x.bt[1], m2 = x.bm[1], s2 = x.bs[1];
        int n = 0, n1 = 0, n2 = 0, visits = 0;
        boolean increasing = true;
        double last = Double.NEGATIVE_INFINITY;
        for (int r = from; r < to; r++) {
            int i = e.row(r);
            if (cut != null && cut[i] != 0) {
                countCuts(cut[i], c.cuts, k);
                continue;
            }
            double ti = mjd.get(i), a = w1.get(i), sa = e1.get(i), b = w2.get(i), sb = e2.get(i);
            increasing &= ti >= last;
            // the first exposure starts a visit (whatever the gap, +∞ included), as in countVisits
            visits += n == 0 || ti - last > gap ? 1 : 0;
            last = ti;
            t[n] = ti;
            int mask = 0;
            if (StetsonIndices.usable(a, sa)) {
                t1[n1] = ti;
                m1[n1] = a;
                s1[n1] = sa;
                n1++;
                mask = 1;
            }
            if (StetsonIndices.usable(b, sb)) {
                t2[n2] = ti;
                m2[n2] = b;
                s2[n2] = sb;
                n2++;
                mask |= 2;
            }
            bands[n] = (byte) mask;
            n++;
        }
        if (!increasing) {
            // rare: not in time order; sorted, and read again (the cuts counted again), as gather does
            e.sortByTime(k);
            for (int[] perCut : c.cuts) {
                perCut[k] = 0;
            }
            return gatherUsable(e, k, x, c, gap);
        }
        c.nVisits[k] = visits;
        x.usable[0] = n1;
        x.usable[1] = n2;
        if (n1 < n || n2 < n) {
            countUnusable(e, from, to, c, k);
        }
        return n;
    }

    /** Whether t[0, n) is in time order. */
    private static boolean increasing(double[] t, int n) {
        for (int i = 1; i < n; i++) {
            if (!(t[i] >= t[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** Whether a band measurement of the n gathered exposures cannot be used. */
    private static boolean anyUnusable(double[] m1, double[] s1, double[] m2, double[] s2, int n) {
        for (int i = 0; i < n; i++) {
            if (!StetsonIndices.usable(m1[i], s1[i]) || !StetsonIndices.usable(m2[i], s2[i])) {
                return true;
            }
        }
        return false;
    }

    private static void countCuts(byte bits, int[][] cuts, int k) {
        for (int c = 0; c < QualityCuts.NAMES.length; c++) {
            if ((bits & (1 << c)) != 0) {
                cuts[c][k]++;
            }
        }
    }

    /** The unusable measurements of source k's kept exposures: per source (n_nan_…) and by reason (the report's). */
    private static void countUnusable(Epochs e, int from, int to, Columns c, int k) {
        for (int r = from; r < to; r++) {
            int i = e.row(r);
            if (!e.passes(i)) {
                continue;
            }
            if (!StetsonIndices.usable(e.w1.get(i), e.e1.get(i))) {
                c.nNan[0][k]++;
                Epochs.countBand(e.w1.outOfRange(i), e.w1.get(i), e.e1.get(i), e.unusableW1);
            }
            if (!StetsonIndices.usable(e.w2.get(i), e.e2.get(i))) {
                c.nNan[1][k]++;
                Epochs.countBand(e.w2.outOfRange(i), e.w2.get(i), e.e2.get(i), e.unusableW2);
            }
        }
    }

    /**
     * The standard classification, in order of precedence: INSUFFICIENT_DATA (fewer than minEpochs usable epochs in
     * both bands), FADING (a band with slope ≥ minTrendMagYr and a significant p over ≥ minBaselineYears of its own
     * usable epochs: bit b of {@code longBands}),
     * BRIGHTENING (the same with slope ≤ −minTrendMagYr), VARIABLE (reduced χ² &gt; variableChi2, or RMS &gt;
     * variableRms where set, in a band), STABLE (RMS &lt; stableRms and χ² &lt; stableChi2 in every measured band),
     * else NORMAL.
     */
    private VariabilityFlag classify(BandStatistics.PerSource[] bands, int k, int longBands) {
        int min = stats.minEpochs();
        if (bands[0].n[k] < min && bands[1].n[k] < min) {
            return VariabilityFlag.INSUFFICIENT_DATA;
        }
        boolean fading = false, brightening = false;
        for (int b = 0; b < bands.length; b++) {
            BandStatistics.PerSource s = bands[b];
            if (s.n[k] < min || (longBands & 1 << b) == 0 || !cls.significant(s.trendP[k])) {
                continue;
            }
            fading |= s.trend[k] >= cls.minTrendMagYr();
            brightening |= s.trend[k] <= -cls.minTrendMagYr();
        }
        if (fading) {
            return VariabilityFlag.FADING;
        }
        if (brightening) {
            return VariabilityFlag.BRIGHTENING;
        }
        boolean variable = false, stable = true;
        for (BandStatistics.PerSource s : bands) {
            if (s.n[k] < min) {
                continue;
            }
            variable |= s.chi2[k] > cls.variableChi2() || cls.variableByRms(s.rms[k]);
            stable &= s.rms[k] < cls.stableRms() && s.chi2[k] < cls.stableChi2();
        }
        return variable ? VariabilityFlag.VARIABLE : stable ? VariabilityFlag.STABLE : VariabilityFlag.NORMAL;
    }
}
