package org.tasni.variability;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tasni-legacy method: the reference's Implementation A ({@code golden_variability.csv}), with its statistics
 * ({@link LegacyStatistics}) and its additive scores. Its columns and their order are the reference's, so that the
 * published file compares column for column: {@code n_epochs, baseline_years, rms_w1, rms_w2, chi2_w1, chi2_w2,
 * stetson_j, trend_w1, trend_w2, trend_p_w1, trend_p_w2, is_variable, is_stable, trend_type, variability_score,
 * variability_flag, designation}, sorted by designation (pandas' groupby). RMS is float32, as the reference wrote it.
 *
 * <p>The reference's rule ({@code classify_variability}): comparisons with NaN are false, and later rules override
 * earlier ones: STABLE (both RMS &lt; stableRms and both χ² &lt; stableChi2, +10), VARIABLE (an RMS &gt; variableRms
 * or a χ² &gt; variableChi2, −10), FADING (a trend &gt; minTrendMagYr, +25), BRIGHTENING (a trend &lt;
 * −minTrendMagYr, −5; it sets the flag only when nothing else did). Every threshold comes from the configuration;
 * the trend also needs a baseline ≥ minBaselineYears and, when set, p &lt; fadingMaxP (the preset sets neither).
 * One departure, which no source of the reference's data reaches: a band whose measured epochs lie within one visit
 * (less than {@link VariabilityConfig#MIN_TREND_BASELINE_DAYS} apart) has NaN trend and trend_p, so no trend flag
 * follows from it ({@link LegacyStatistics}).
 *
 * <p>rms_w1/rms_w2 are the reference's {@code np.std} of the magnitudes without NaN skipping: one NaN magnitude in a
 * band makes that band's RMS empty (NaN) while its χ² (about the unweighted mean of the non-NaN magnitudes, as the
 * reference computes it) stays a number (reference-pipeline.md: 10 golden sources have NaN rms_w1, 41 NaN rms_w2). This is the reference's behaviour, kept so the golden file compares exactly; the
 * standard preset skips NaNs and counts them ({@code n_nan_w1}).
 */
final class LegacyMethod implements VariabilityMethod {

    /** The reference's additive scores. */
    private static final double STABLE_SCORE = 10, VARIABLE_SCORE = -10, FADING_SCORE = 25, BRIGHTENING_SCORE = -5;

    private final VariabilityConfig.Statistics stats;
    private final VariabilityConfig.Classification cls;

    LegacyMethod(VariabilityConfig config) {
        this.stats = config.statistics();
        this.cls = config.classification();
    }

    @Override
    public Table compute(Epochs e, SourceLoop loop) {
        int ns = e.sources();
        double[] base = new double[ns], rms1 = new double[ns], rms2 = new double[ns], chi1 = new double[ns],
                chi2 = new double[ns], sj = new double[ns], tr1 = new double[ns], tr2 = new double[ns], p1 = new double[ns],
                p2 = new double[ns], score = new double[ns];
        int[] nEp = new int[ns];
        boolean[] isVar = new boolean[ns], isStable = new boolean[ns];
        String[] type = new String[ns], flag = new String[ns];
        double tt = cls.minTrendMagYr();
        loop.forEach(ns, (k, x) -> {
            int n = gather(e, k, x);
            nEp[k] = n;
            if (n < stats.minEpochs()) {
                base[k] = rms1[k] = rms2[k] = chi1[k] = chi2[k] = sj[k] = tr1[k] = tr2[k] = p1[k] = p2[k] = Double.NaN;
                type[k] = "none";
                flag[k] = VariabilityFlag.INSUFFICIENT_DATA.name();
                return;
            }
            base[k] = LegacyStatistics.baselineYears(x.t, n);
            LegacyStatistics.Result a = LegacyStatistics.of(x.t, x.m[0], x.s[0], 0, n);
            LegacyStatistics.Result b = LegacyStatistics.of(x.t, x.m[1], x.s[1], 0, n);
            rms1[k] = (float) a.rms();
            chi1[k] = a.chi2();
            tr1[k] = a.trend();
            p1[k] = a.trendP();
            rms2[k] = (float) b.rms();
            chi2[k] = b.chi2();
            tr2[k] = b.trend();
            p2[k] = b.trendP();
            sj[k] = LegacyStatistics.stetsonJ(x.m[0], x.s[0], x.m[1], x.s[1], 0, n);
            boolean longEnough = base[k] >= cls.minBaselineYears();
            boolean sig1 = longEnough && cls.significant(p1[k]), sig2 = longEnough && cls.significant(p2[k]);
            double sc = 0;
            VariabilityFlag f = null;
            String ty = "none";
            if (rms1[k] < cls.stableRms() && rms2[k] < cls.stableRms() && chi1[k] < cls.stableChi2()
                    && chi2[k] < cls.stableChi2()) {
                isStable[k] = true;
                sc += STABLE_SCORE;
                f = VariabilityFlag.STABLE;
            }
            if (cls.variableByRms(rms1[k]) || cls.variableByRms(rms2[k]) || chi1[k] > cls.variableChi2()
                    || chi2[k] > cls.variableChi2()) {
                isVar[k] = true;
                sc += VARIABLE_SCORE;
                f = VariabilityFlag.VARIABLE;
            }
            if (sig1 && tr1[k] > tt || sig2 && tr2[k] > tt) {
                ty = "fading";
                sc += FADING_SCORE;
                f = VariabilityFlag.FADING;
            }
            if (sig1 && tr1[k] < -tt || sig2 && tr2[k] < -tt) {
                ty = "brightening";
                sc += BRIGHTENING_SCORE;
                if (f == null) {
                    f = VariabilityFlag.BRIGHTENING;
                }
            }
            score[k] = sc;
            type[k] = ty;
            flag[k] = (f == null ? VariabilityFlag.NORMAL : f).name();
        });
        Table t = Table.create("golden_variability", IntColumn.create("n_epochs", nEp),
                DoubleColumn.create("baseline_years", base), floats("rms_w1", rms1), floats("rms_w2", rms2),
                DoubleColumn.create("chi2_w1", chi1), DoubleColumn.create("chi2_w2", chi2),
                DoubleColumn.create("stetson_j", sj), DoubleColumn.create("trend_w1", tr1),
                DoubleColumn.create("trend_w2", tr2), DoubleColumn.create("trend_p_w1", p1),
                DoubleColumn.create("trend_p_w2", p2), BooleanColumn.create("is_variable", isVar),
                BooleanColumn.create("is_stable", isStable), StringColumn.create("trend_type", type),
                DoubleColumn.create("variability_score", score), StringColumn.create(VariabilityFlag.LEGACY_COLUMN, flag),
                StringColumn.create("designation", e.designation));
        return finish(t);
    }

    /** groupby("designation") sorts by designation, also across streamed parts. */
    @Override
    public Table finish(Table appended) {
        return appended.sortAscendingOn("designation");
    }

    /** The rows of source k that pass the quality cuts (the preset has none), in file order; returns their number. */
    static int gather(Epochs e, int k, Exposures x) {
        int from = e.start[k], to = e.start[k + 1], n = 0;
        x.ensure(to - from);
        for (int r = from; r < to; r++) {
            int i = e.row(r);
            if (e.passes(i)) {
                x.put(n++, e, i);
            }
        }
        return n;
    }

    private static FloatColumn floats(String name, double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return FloatColumn.create(name, f);
    }
}
