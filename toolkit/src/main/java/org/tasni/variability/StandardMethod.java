package org.tasni.variability;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The standard method: quality cuts, NaN-skipping, per-band weighted statistics ({@link BandStatistics}), Stetson J
 * and K ({@link StetsonIndices}), optional visit binning, and the standard classification.
 *
 * <p>Columns: {@code designation, n_rows, n_cut_<cut>…, n_nan_w1, n_nan_w2, n_visits, baseline_years}, per band
 * {@code n, mean, rms, chi2, eta} (suffixed {@code _w1}) and {@code trend_w1_mag_yr, trend_w1_err, trend_w1_p,
 * trend_w1_r2}, then {@code stetson_j, stetson_k_w1, stetson_k_w2, flag}. Over a baseline shorter than
 * {@link VariabilityConfig#MIN_TREND_BASELINE_DAYS} (one visit: {@code n_visits} 1 says why) the four trend columns
 * are NaN and no trend flag follows.
 */
final class StandardMethod implements VariabilityMethod {

    /** Band.values() copies its array on every call: once here, not once per source. */
    private static final Band[] BANDS = Band.values();

    private final VariabilityConfig.Statistics stats;
    private final VariabilityConfig.Classification cls;

    StandardMethod(VariabilityConfig config) {
        this.stats = config.statistics();
        this.cls = config.classification();
    }

    /** Per band, one array per statistic, one slot per source. */
    private static final class BandColumns {
        final int[] n;
        final double[] mean, rms, chi2, eta, trend, trendErr, trendP, r2;

        BandColumns(int ns) {
            n = new int[ns];
            mean = new double[ns];
            rms = new double[ns];
            chi2 = new double[ns];
            eta = new double[ns];
            trend = new double[ns];
            trendErr = new double[ns];
            trendP = new double[ns];
            r2 = new double[ns];
        }

        void set(int k, BandStatistics.Result r) {
            n[k] = r.n();
            mean[k] = r.mean();
            rms[k] = r.rms();
            chi2[k] = r.chi2();
            eta[k] = r.eta();
            trend[k] = r.trend();
            trendErr[k] = r.trendErr();
            trendP[k] = r.trendP();
            r2[k] = r.r2();
        }

        /** One visit (baseline &lt; MIN_TREND_BASELINE_DAYS): no trend. */
        void noTrend(int k) {
            trend[k] = trendErr[k] = trendP[k] = r2[k] = Double.NaN;
        }

        void addTo(Table t, Band b) {
            String s = b.suffix(), tr = "trend" + s;
            t.addColumns(IntColumn.create("n" + s, n), DoubleColumn.create("mean" + s, mean),
                    DoubleColumn.create("rms" + s, rms), DoubleColumn.create("chi2" + s, chi2),
                    DoubleColumn.create("eta" + s, eta), DoubleColumn.create(tr + "_mag_yr", trend),
                    DoubleColumn.create(tr + "_err", trendErr), DoubleColumn.create(tr + "_p", trendP),
                    DoubleColumn.create(tr + "_r2", r2));
        }
    }

    @Override
    public Table compute(Epochs e, SourceLoop loop) {
        int ns = e.sources();
        BandColumns[] bands = {new BandColumns(ns), new BandColumns(ns)};
        double[] j = new double[ns], k1 = new double[ns], k2 = new double[ns], baseline = new double[ns];
        int[] nRows = new int[ns], nVisits = new int[ns];
        int[][] nNan = new int[2][ns];
        int[][] cuts = new int[QualityCuts.NAMES.length][ns];
        String[] flag = new String[ns];
        double gap = stats.visitGapDays();
        loop.forEach(ns, (k, x) -> {
            e.sortByTime(k);
            int from = e.start[k], to = e.start[k + 1];
            nRows[k] = to - from;
            x.ensure(to - from);
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
                    nNan[0][k]++;
                }
                if (!StetsonIndices.usable(e.w2[i], e.e2[i])) {
                    nNan[1][k]++;
                }
                x.put(n++, e, i);
            }
            if (stats.binVisits()) {
                n = VisitBinning.bin(x.t, x.m, x.s, n, gap);
            }
            nVisits[k] = VisitBinning.countVisits(x.t, n, gap);
            baseline[k] = n > 0 ? (x.t[n - 1] - x.t[0]) / 365.25 : Double.NaN;
            for (Band b : BANDS) {
                int nb = x.usable(n, b);
                bands[b.ordinal()].set(k, BandStatistics.of(x.bt, x.bm, x.bs, 0, nb));
                if (!VariabilityConfig.trendMeasurable(baseline[k])) {
                    bands[b.ordinal()].noTrend(k);
                }
            }
            StetsonIndices.Result st = StetsonIndices.of(x.m[0], x.s[0], x.m[1], x.s[1], 0, n, x.work);
            j[k] = st.j();
            k1[k] = st.k1();
            k2[k] = st.k2();
            flag[k] = classify(bands, k, baseline[k]).name();
        });
        Table t = Table.create("variability", StringColumn.create("designation", e.designation),
                IntColumn.create("n_rows", nRows));
        for (int c = 0; c < QualityCuts.NAMES.length; c++) {
            t.addColumns(IntColumn.create("n_cut_" + QualityCuts.NAMES[c], cuts[c]));
        }
        for (Band b : Band.values()) {
            t.addColumns(IntColumn.create("n_nan" + b.suffix(), nNan[b.ordinal()]));
        }
        t.addColumns(IntColumn.create("n_visits", nVisits), DoubleColumn.create("baseline_years", baseline));
        for (Band b : Band.values()) {
            bands[b.ordinal()].addTo(t, b);
        }
        t.addColumns(DoubleColumn.create("stetson_j", j), DoubleColumn.create("stetson_k" + Band.W1.suffix(), k1),
                DoubleColumn.create("stetson_k" + Band.W2.suffix(), k2), StringColumn.create(VariabilityFlag.COLUMN, flag));
        return t;
    }

    /**
     * The standard classification, in order of precedence: INSUFFICIENT_DATA (fewer than minEpochs usable epochs in
     * both bands), FADING (a band with slope ≥ minTrendMagYr and a significant p over ≥ minBaselineYears),
     * BRIGHTENING (the same with slope ≤ −minTrendMagYr), VARIABLE (reduced χ² &gt; variableChi2, or RMS &gt;
     * variableRms where set, in a band), STABLE (RMS &lt; stableRms and χ² &lt; stableChi2 in every measured band),
     * else NORMAL.
     */
    private VariabilityFlag classify(BandColumns[] bands, int k, double baseline) {
        int min = stats.minEpochs();
        if (bands[0].n[k] < min && bands[1].n[k] < min) {
            return VariabilityFlag.INSUFFICIENT_DATA;
        }
        boolean longEnough = baseline >= cls.minBaselineYears();
        boolean fading = false, brightening = false;
        for (BandColumns s : bands) {
            if (s.n[k] < min || !longEnough || !cls.significant(s.trendP[k])) {
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
        for (BandColumns s : bands) {
            if (s.n[k] < min) {
                continue;
            }
            variable |= s.chi2[k] > cls.variableChi2() || cls.variableByRms(s.rms[k]);
            stable &= s.rms[k] < cls.stableRms() && s.chi2[k] < cls.stableChi2();
        }
        return variable ? VariabilityFlag.VARIABLE : stable ? VariabilityFlag.STABLE : VariabilityFlag.NORMAL;
    }
}
