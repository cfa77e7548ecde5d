package org.tasni.variability;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Light-curve statistics and classification of NEOWISE single-exposure epochs, one row per source.
 *
 * <pre>{@code
 * var stats = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(epochs);
 * var legacy = VariabilityAnalyzer.of(VariabilityConfig.tasniLegacy()).analyze(epochs);   // the published numbers
 * }</pre>
 *
 * <p>Input: one row per exposure with {@code designation} (or {@link #idColumn(String)}), {@code mjd} and W1/W2
 * magnitudes and errors under IRSA's names ({@code w1mpro, w1sigmpro, …}) or the reference's
 * ({@code w1mpro_ep, …}); optional quality columns {@code qual_frame, qi_fact, saa_sep, moon_masked, cc_flags}. The
 * input need not be sorted or grouped. Sources are processed in parallel, each on primitive slices.
 *
 * <p>Nothing is dropped silently. Exposures no preset can use (an empty id, a non-finite mjd, an mjd outside the
 * WISE/NEOWISE span [55000, 61000], a second exposure of a source at the same mjd) are left out and counted by reason
 * in {@link VariabilityReport#dropped()}; tasni-tier5 also drops, and counts, the rows with a NaN band as its
 * reference did. A NaN or infinite magnitude, or an error that is not finite and &gt; 0, only makes that band of the
 * exposure unusable: the other band is still used. Those are counted per band in the report
 * ({@link VariabilityReport#unusableW1()}) and per source ({@code n_nan_w1}, {@code n_nan_w2}). Each quality cut is
 * counted per source ({@code n_cut_qual_frame}, …) and in the report. An empty input gives an empty result.
 */
public final class VariabilityAnalyzer {

    /** Flags, in the order of precedence of the standard preset. */
    public static final String INSUFFICIENT = "INSUFFICIENT_DATA", FADING = "FADING", BRIGHTENING = "BRIGHTENING",
            VARIABLE = "VARIABLE", STABLE = "STABLE", NORMAL = "NORMAL";

    private final VariabilityConfig config;
    private final String idColumn;
    private final int threads;
    private volatile VariabilityReport report;

    private VariabilityAnalyzer(VariabilityConfig config, String idColumn, int threads) {
        this.config = config;
        this.idColumn = idColumn;
        this.threads = threads;
    }

    public static VariabilityAnalyzer of(VariabilityConfig config) {
        return new VariabilityAnalyzer(config, "designation", Runtime.getRuntime().availableProcessors());
    }

    /** The source key column (default {@code designation}). */
    public VariabilityAnalyzer idColumn(String name) {
        return new VariabilityAnalyzer(config, name, threads);
    }

    public VariabilityAnalyzer threads(int n) {
        if (n < 1) {
            throw new TasniException("threads must be >= 1 (got " + n + ").");
        }
        return new VariabilityAnalyzer(config, idColumn, n);
    }

    public VariabilityConfig config() {
        return config;
    }

    /** What the last {@link #analyze} did, or null before it. */
    public VariabilityReport report() {
        return report;
    }

    /** One row per source. */
    public Table analyze(Table epochs) {
        long t0 = System.nanoTime();
        Epochs e = new Epochs(epochs, idColumn, new QualityCuts(config));
        Table out = compute(e);
        report = VariabilityReport.of(config.name(), e, out, (System.nanoTime() - t0) / 1e9);
        return out;
    }

    private Table compute(Epochs e) {
        if (config.method() != VariabilityConfig.Method.TIER5) {
            e.countUnusable(); // tier5 drops a row with a NaN band whole, and counts as it goes
        }
        return switch (config.method()) {
            case STANDARD -> standard(e);
            case LEGACY -> legacy(e);
            case TIER5 -> tier5(e);
        };
    }

    /**
     * Streams a Parquet epochs file row group by row group, so that a file larger than the heap can be analysed. The
     * file must have each source's rows together (a source may span row groups); only the columns the analysis uses
     * are decoded. The result equals {@code analyze(TableIO.read(file))}.
     *
     * @throws TasniException naming the source and row if the file is not grouped by source, with what to do
     */
    public Table analyze(java.nio.file.Path parquet) {
        java.util.List<String> have = org.tasni.io.ParquetIO.columnNames(parquet);
        java.util.Set<String> cols = new java.util.LinkedHashSet<>(); // an id column may be one of the others
        for (String c : new String[] {idColumn, "mjd", "w1mpro", "w1mpro_ep", "w1sigmpro", "w1sigmpro_ep", "w2mpro",
            "w2mpro_ep", "w2sigmpro", "w2sigmpro_ep", "qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags"}) {
            if (have.contains(c)) {
                cols.add(c);
            }
        }
        if (!have.contains(idColumn)) {
            throw new TasniException(parquet.getFileName() + ": no column '" + idColumn + "' (columns: " + String.join(", ", have) + ").");
        }
        String file = parquet.getFileName().toString();
        java.util.List<Table> parts = new java.util.ArrayList<>();
        java.util.Set<String> finished = new java.util.HashSet<>();
        Table[] carry = {null};
        long[] rowsBefore = {0};
        int[] rows = {0}, cut = {0};
        double[] compute = {0};
        org.tasni.io.DropCounts[] drops = {new org.tasni.io.DropCounts(), new org.tasni.io.DropCounts(),
            new org.tasni.io.DropCounts()};
        org.tasni.io.ParquetIO.forEachRowGroup(parquet, new java.util.ArrayList<>(cols), group -> {
            Table t = carry[0] == null ? group : carry[0].append(group);
            tech.tablesaw.api.StringColumn id = Epochs.ids(t, idColumn);
            int n = t.rowCount();
            int tail = n;
            while (tail > 0 && id.get(tail - 1).equals(id.get(n - 1))) {
                tail--;
            }
            carry[0] = t.inRange(tail, n).setName(file);
            if (tail > 0) {
                analyzePart(t.inRange(0, tail).setName(file), finished, rowsBefore[0], parts, rows, cut, compute, drops);
                rowsBefore[0] += tail;
            }
        });
        if (carry[0] != null && carry[0].rowCount() > 0) {
            analyzePart(carry[0], finished, rowsBefore[0], parts, rows, cut, compute, drops);
        }
        if (parts.isEmpty()) {
            // a file without rows: the same empty result, with every column, as reading it whole
            return analyze(org.tasni.io.TableIO.read(parquet).setName(file));
        }
        Table out = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            out.append(parts.get(k));
        }
        if (config.method() == VariabilityConfig.Method.LEGACY) {
            out = out.sortAscendingOn("designation");
        }
        report = new VariabilityReport(config.name(), rows[0], out.rowCount(), true, cut[0], drops[0], drops[1], drops[2],
                VariabilityReport.flagCounts(out), compute[0]);
        return out;
    }

    private void analyzePart(Table part, java.util.Set<String> finished, long firstRow, java.util.List<Table> parts,
            int[] rows, int[] cut, double[] compute, org.tasni.io.DropCounts[] drops) {
        long t0 = System.nanoTime();
        Epochs e = new Epochs(part, idColumn, new QualityCuts(config), firstRow);
        for (int k = 0; k < e.sources(); k++) {
            boolean again = finished.contains(e.designation[k]);
            if (again || !e.wasGrouped) {
                String who = again ? e.designation[k] : firstRepeat(e);
                throw new TasniException(part.name() + ": not grouped by " + idColumn + " (" + who + " appears again after "
                        + "other sources, near data row " + (firstRow + 1) + "), so it cannot be streamed. Sort it by " + idColumn
                        + " and mjd first (for example with DuckDB: COPY (SELECT * FROM '" + part.name() + "' ORDER BY "
                        + idColumn + ", mjd) TO 'sorted.parquet'), or read it whole: TableIO.read(…) and analyze(table), "
                        + "with enough heap (java -Xmx…).");
            }
        }
        Table out = compute(e);
        for (String d : e.designation) {
            finished.add(d);
        }
        parts.add(out);
        rows[0] += e.rows;
        cut[0] += VariabilityReport.cutRows(e);
        drops[0].addAll(e.dropped);
        drops[1].addAll(e.unusableW1);
        drops[2].addAll(e.unusableW2);
        compute[0] += (System.nanoTime() - t0) / 1e9;
    }

    private static String firstRepeat(Epochs e) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        // the first source whose rows are split: its rows are not contiguous in the order array
        for (int k = 0; k < e.sources(); k++) {
            for (int r = e.start[k] + 1; r < e.start[k + 1]; r++) {
                if (e.order[r] != e.order[r - 1] + 1 && seen.add(k)) {
                    return e.designation[k];
                }
            }
        }
        return e.designation[0];
    }

    /** Runs {@code body(source, worker)} over all sources in a pool of {@code threads}. */
    private void forEachSource(int sources, java.util.function.Supplier<Worker> workers, SourceBody body) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            int block = 256;
            int blocks = (sources + block - 1) / block;
            pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
                Worker w = workers.get();
                for (int k = b * block; k < Math.min(sources, (b + 1) * block); k++) {
                    body.run(k, w);
                }
            })).join();
        } finally {
            pool.shutdown();
        }
    }

    @FunctionalInterface
    private interface SourceBody {
        void run(int source, Worker w);
    }

    /** A thread's scratch arrays: one source's exposures, then each band's usable epochs. */
    static final class Worker {
        double[] t = new double[512], m1 = new double[512], s1 = new double[512], m2 = new double[512], s2 = new double[512];
        double[] bt = new double[512], bm = new double[512], bs = new double[512];
        final double[] stats = new double[BandStatistics.SIZE];
        final double[] stetson = new double[3];
        final StetsonIndices.Scratch scratch = new StetsonIndices.Scratch();

        void ensure(int n) {
            if (t.length < n) {
                int c = Math.max(n, 2 * t.length);
                t = new double[c];
                m1 = new double[c];
                s1 = new double[c];
                m2 = new double[c];
                s2 = new double[c];
                bt = new double[c];
                bm = new double[c];
                bs = new double[c];
            }
        }

        /** Puts exposure {@code i} of the epochs into slot {@code n} of the exposure arrays. */
        void put(int n, Epochs e, int i) {
            t[n] = e.mjd[i];
            m1[n] = e.w1[i];
            s1[n] = e.e1[i];
            m2[n] = e.w2[i];
            s2[n] = e.e2[i];
        }

        /** Copies the usable epochs of one band into bt/bm/bs and returns their number. */
        int band(int n, double[] m, double[] s) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (StetsonIndices.usable(m[i], s[i])) {
                    bt[k] = t[i];
                    bm[k] = m[i];
                    bs[k] = s[i];
                    k++;
                }
            }
            return k;
        }
    }

    // ---------------------------------------------------------------- standard

    private static final String[] BAND_STATS = {"n", "mean", "rms", "chi2", "eta", "trend", "trend_err", "trend_p", "trend_r2"};

    private Table standard(Epochs e) {
        int ns = e.sources();
        double[][] w1 = new double[BandStatistics.SIZE][ns], w2 = new double[BandStatistics.SIZE][ns];
        double[] j = new double[ns], k1 = new double[ns], k2 = new double[ns], baseline = new double[ns];
        int[] nRows = new int[ns], nVisits = new int[ns], nNan1 = new int[ns], nNan2 = new int[ns];
        int[][] cuts = new int[QualityCuts.NAMES.length][ns];
        String[] flag = new String[ns];
        forEachSource(ns, Worker::new, (k, w) -> {
            e.sortByTime(k);
            int from = e.start[k], to = e.start[k + 1];
            nRows[k] = to - from;
            w.ensure(to - from);
            int n = 0;
            for (int r = from; r < to; r++) {
                int i = e.order[r];
                if (e.cut[i] != 0) {
                    for (int c = 0; c < QualityCuts.NAMES.length; c++) {
                        if ((e.cut[i] & (1 << c)) != 0) {
                            cuts[c][k]++;
                        }
                    }
                    continue;
                }
                if (!StetsonIndices.usable(e.w1[i], e.e1[i])) {
                    nNan1[k]++;
                }
                if (!StetsonIndices.usable(e.w2[i], e.e2[i])) {
                    nNan2[k]++;
                }
                w.put(n++, e, i);
            }
            if (config.binVisits()) {
                n = VisitBinning.bin(w, n, config.visitGapDays());
            }
            nVisits[k] = VisitBinning.countVisits(w.t, n, config.visitGapDays());
            baseline[k] = n > 0 ? (w.t[n - 1] - w.t[0]) / 365.25 : Double.NaN;
            int n1 = w.band(n, w.m1, w.s1);
            BandStatistics.compute(w.bt, w.bm, w.bs, 0, n1, w.stats);
            for (int c = 0; c < BandStatistics.SIZE; c++) {
                w1[c][k] = w.stats[c];
            }
            int n2 = w.band(n, w.m2, w.s2);
            BandStatistics.compute(w.bt, w.bm, w.bs, 0, n2, w.stats);
            for (int c = 0; c < BandStatistics.SIZE; c++) {
                w2[c][k] = w.stats[c];
            }
            StetsonIndices.compute(w.m1, w.s1, w.m2, w.s2, 0, n, w.scratch, w.stetson);
            j[k] = w.stetson[StetsonIndices.J];
            k1[k] = w.stetson[StetsonIndices.K1];
            k2[k] = w.stetson[StetsonIndices.K2];
            flag[k] = classifyStandard(w1, w2, k, baseline[k]);
        });
        Table t = Table.create("variability", StringColumn.create("designation", e.designation),
                IntColumn.create("n_rows", nRows));
        for (int c = 0; c < QualityCuts.NAMES.length; c++) {
            t.addColumns(IntColumn.create("n_cut_" + QualityCuts.NAMES[c], cuts[c]));
        }
        t.addColumns(IntColumn.create("n_nan_w1", nNan1), IntColumn.create("n_nan_w2", nNan2),
                IntColumn.create("n_visits", nVisits), DoubleColumn.create("baseline_years", baseline));
        for (String band : new String[] {"w1", "w2"}) {
            double[][] s = band.equals("w1") ? w1 : w2;
            t.addColumns(IntColumn.create("n_" + band, toInt(s[BandStatistics.N])),
                    DoubleColumn.create("mean_" + band, s[BandStatistics.MEAN]),
                    DoubleColumn.create("rms_" + band, s[BandStatistics.RMS]),
                    DoubleColumn.create("chi2_" + band, s[BandStatistics.CHI2]),
                    DoubleColumn.create("eta_" + band, s[BandStatistics.ETA]),
                    DoubleColumn.create("trend_" + band + "_mag_yr", s[BandStatistics.TREND]),
                    DoubleColumn.create("trend_" + band + "_err", s[BandStatistics.TREND_ERR]),
                    DoubleColumn.create("trend_" + band + "_p", s[BandStatistics.TREND_P]),
                    DoubleColumn.create("trend_" + band + "_r2", s[BandStatistics.R2]));
        }
        t.addColumns(DoubleColumn.create("stetson_j", j), DoubleColumn.create("stetson_k_w1", k1),
                DoubleColumn.create("stetson_k_w2", k2), StringColumn.create("flag", flag));
        return t;
    }

    private static int[] toInt(double[] a) {
        int[] o = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = (int) a[i];
        }
        return o;
    }

    /**
     * The standard classification, in order of precedence: INSUFFICIENT_DATA (fewer than minEpochs usable epochs in
     * both bands), FADING (a band with slope ≥ minTrendMagYr and p &lt; fadingMaxP over ≥ minBaselineYears),
     * BRIGHTENING (the same with slope ≤ −minTrendMagYr), VARIABLE (reduced χ² &gt; variableChi2 in a band),
     * STABLE (RMS &lt; stableRms and χ² &lt; stableChi2 in every measured band), else NORMAL.
     */
    private String classifyStandard(double[][] w1, double[][] w2, int k, double baseline) {
        boolean ok1 = w1[BandStatistics.N][k] >= config.minEpochs(), ok2 = w2[BandStatistics.N][k] >= config.minEpochs();
        if (!ok1 && !ok2) {
            return INSUFFICIENT;
        }
        boolean longEnough = baseline >= config.minBaselineYears();
        int fade = 0;
        for (double[][] s : new double[][][] {w1, w2}) {
            if (s[BandStatistics.N][k] < config.minEpochs() || !longEnough) {
                continue;
            }
            double tr = s[BandStatistics.TREND][k], p = s[BandStatistics.TREND_P][k];
            boolean significant = Double.isNaN(config.fadingMaxP()) || p < config.fadingMaxP();
            if (significant && tr >= config.minTrendMagYr()) {
                fade = Math.max(fade, 2);
            } else if (significant && tr <= -config.minTrendMagYr()) {
                fade = Math.max(fade, 1);
            }
        }
        if (fade == 2) {
            return FADING;
        }
        if (fade == 1) {
            return BRIGHTENING;
        }
        boolean variable = false, stable = true;
        for (double[][] s : new double[][][] {w1, w2}) {
            if (s[BandStatistics.N][k] < config.minEpochs()) {
                continue;
            }
            double chi2 = s[BandStatistics.CHI2][k], rms = s[BandStatistics.RMS][k];
            variable |= chi2 > config.variableChi2() || rms > config.variableRms();
            stable &= rms < config.stableRms() && chi2 < config.stableChi2();
        }
        return variable ? VARIABLE : stable ? STABLE : NORMAL;
    }

    // ---------------------------------------------------------------- tasni-legacy (Implementation A)

    private Table legacy(Epochs e) {
        int ns = e.sources();
        double[] base = new double[ns], rms1 = new double[ns], rms2 = new double[ns], chi1 = new double[ns],
                chi2 = new double[ns], sj = new double[ns], tr1 = new double[ns], tr2 = new double[ns], p1 = new double[ns],
                p2 = new double[ns], score = new double[ns];
        int[] nEp = new int[ns];
        boolean[] isVar = new boolean[ns], isStable = new boolean[ns];
        String[] type = new String[ns], flag = new String[ns];
        double c = config.variableChi2(), tt = config.minTrendMagYr();
        forEachSource(ns, Worker::new, (k, w) -> {
            int from = e.start[k], to = e.start[k + 1], n = to - from;
            nEp[k] = n;
            w.ensure(n);
            gather(e, k, w);
            if (n < config.minEpochs()) {
                base[k] = rms1[k] = rms2[k] = chi1[k] = chi2[k] = sj[k] = tr1[k] = tr2[k] = p1[k] = p2[k] = Double.NaN;
                type[k] = "none";
                flag[k] = INSUFFICIENT;
                return;
            }
            base[k] = LegacyStatistics.baselineYears(w.t, n);
            double[] o = w.stats;
            LegacyStatistics.band(w.t, w.m1, w.s1, 0, n, o);
            rms1[k] = (float) o[LegacyStatistics.RMS];
            chi1[k] = o[LegacyStatistics.CHI2];
            tr1[k] = o[LegacyStatistics.TREND];
            p1[k] = o[LegacyStatistics.TREND_P];
            LegacyStatistics.band(w.t, w.m2, w.s2, 0, n, o);
            rms2[k] = (float) o[LegacyStatistics.RMS];
            chi2[k] = o[LegacyStatistics.CHI2];
            tr2[k] = o[LegacyStatistics.TREND];
            p2[k] = o[LegacyStatistics.TREND_P];
            sj[k] = LegacyStatistics.stetsonJ(w.m1, w.s1, w.m2, w.s2, 0, n);
            // classify_variability: comparisons with NaN are false; later rules override earlier ones
            double sc = 0;
            String f = "UNKNOWN", ty = "none";
            if (rms1[k] < 0.05 && rms2[k] < 0.05 && chi1[k] < 2.0 && chi2[k] < 2.0) {
                isStable[k] = true;
                sc += 10;
                f = STABLE;
            }
            if (rms1[k] > 0.15 || rms2[k] > 0.15 || chi1[k] > c || chi2[k] > c) {
                isVar[k] = true;
                sc -= 10;
                f = VARIABLE;
            }
            if (tr1[k] > tt || tr2[k] > tt) {
                ty = "fading";
                sc += 25;
                f = FADING;
            }
            if (tr1[k] < -tt || tr2[k] < -tt) {
                ty = "brightening";
                sc -= 5;
                if (f.equals("UNKNOWN")) {
                    f = BRIGHTENING;
                }
            }
            score[k] = sc;
            type[k] = ty;
            flag[k] = f.equals("UNKNOWN") ? NORMAL : f;
        });
        Table t = Table.create("golden_variability", IntColumn.create("n_epochs", nEp),
                DoubleColumn.create("baseline_years", base), floats("rms_w1", rms1), floats("rms_w2", rms2),
                DoubleColumn.create("chi2_w1", chi1), DoubleColumn.create("chi2_w2", chi2),
                DoubleColumn.create("stetson_j", sj), DoubleColumn.create("trend_w1", tr1),
                DoubleColumn.create("trend_w2", tr2), DoubleColumn.create("trend_p_w1", p1),
                DoubleColumn.create("trend_p_w2", p2), BooleanColumn.create("is_variable", isVar),
                BooleanColumn.create("is_stable", isStable), StringColumn.create("trend_type", type),
                DoubleColumn.create("variability_score", score), StringColumn.create("variability_flag", flag),
                StringColumn.create("designation", e.designation));
        // groupby("designation") sorts by designation
        return t.sortAscendingOn("designation");
    }

    private static FloatColumn floats(String name, double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return FloatColumn.create(name, f);
    }

    /** All rows of source k, in file order, into the worker's exposure arrays. */
    private static void gather(Epochs e, int k, Worker w) {
        int from = e.start[k];
        for (int r = from; r < e.start[k + 1]; r++) {
            w.put(r - from, e, e.order[r]);
        }
    }

    // ---------------------------------------------------------------- tasni-tier5 (Implementation D)

    private Table tier5(Epochs e) {
        int ns = e.sources();
        double[] base = new double[ns], rms1 = new double[ns], rms2 = new double[ns], chi1 = new double[ns],
                chi2 = new double[ns], tr1 = new double[ns], tr2 = new double[ns];
        long[] score = new long[ns];
        int[] nEp = new int[ns];
        boolean[] isVar = new boolean[ns], isFad = new boolean[ns], isBri = new boolean[ns];
        String[] flag = new String[ns], skip = new String[ns];
        double c = config.variableChi2(), tt = config.minTrendMagYr();
        forEachSource(ns, Worker::new, (k, w) -> {
            int from = e.start[k], to = e.start[k + 1], rows = to - from;
            w.ensure(rows);
            base[k] = rms1[k] = rms2[k] = chi1[k] = chi2[k] = tr1[k] = tr2[k] = Double.NaN;
            skip[k] = "";
            if (rows < config.minEpochs()) {
                nEp[k] = rows;
                skip[k] = "insufficient_epochs";
                flag[k] = "UNKNOWN";
                return;
            }
            // drop every row where w1, w2 or mjd is NaN (mjd already is: Epochs dropped those), counted
            int n = 0;
            for (int r = from; r < to; r++) {
                int i = e.order[r];
                if (Double.isNaN(e.w1[i]) || Double.isNaN(e.w2[i])) {
                    e.dropped.add(org.tasni.io.DropReason.NONFINITE_MAGNITUDE);
                    continue;
                }
                Epochs.countBand(e.w1[i], e.e1[i], e.unusableW1);
                Epochs.countBand(e.w2[i], e.e2[i], e.unusableW2);
                w.put(n++, e, i);
            }
            nEp[k] = n;
            if (n < config.minEpochs()) {
                skip[k] = "insufficient_valid";
                flag[k] = "UNKNOWN";
                return;
            }
            base[k] = LegacyStatistics.baselineYears(w.t, n);
            double[] o = w.stats;
            LegacyStatistics.band(w.t, w.m1, w.s1, 0, n, o);
            rms1[k] = o[LegacyStatistics.RMS];
            chi1[k] = o[LegacyStatistics.CHI2];
            tr1[k] = o[LegacyStatistics.TREND];
            LegacyStatistics.band(w.t, w.m2, w.s2, 0, n, o);
            rms2[k] = o[LegacyStatistics.RMS];
            chi2[k] = o[LegacyStatistics.CHI2];
            tr2[k] = o[LegacyStatistics.TREND];
            isVar[k] = rms1[k] > 0.15 || rms2[k] > 0.15 || chi1[k] > c || chi2[k] > c;
            isFad[k] = (tr1[k] > tt || tr2[k] > tt) && base[k] > config.minBaselineYears();
            isBri[k] = (tr1[k] < -tt || tr2[k] < -tt) && base[k] > config.minBaselineYears();
            flag[k] = isFad[k] ? FADING : isBri[k] ? BRIGHTENING : isVar[k] ? VARIABLE : NORMAL;
            score[k] = isFad[k] ? 15 : isBri[k] ? -5 : isVar[k] ? -10 : 0;
        });
        return Table.create("tier5_variability", StringColumn.create("designation", e.designation),
                IntColumn.create("n_epochs", nEp), DoubleColumn.create("baseline_years", base),
                DoubleColumn.create("rms_w1", rms1), DoubleColumn.create("rms_w2", rms2),
                DoubleColumn.create("chi2_w1", chi1), DoubleColumn.create("chi2_w2", chi2),
                DoubleColumn.create("trend_w1", tr1), DoubleColumn.create("trend_w2", tr2),
                BooleanColumn.create("is_variable", isVar), BooleanColumn.create("is_fading", isFad),
                BooleanColumn.create("is_brightening", isBri), LongColumn.create("variability_score", score),
                StringColumn.create("variability_flag", flag), StringColumn.create("skip_reason", skip));
    }
}
