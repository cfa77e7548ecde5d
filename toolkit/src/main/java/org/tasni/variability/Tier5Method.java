package org.tasni.variability;

import org.tasni.io.DropReason;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tasni-tier5 method: the reference's Implementation D ({@code tier5_variability.parquet}). Rows with a NaN
 * magnitude in either band are dropped whole, and counted, as the reference did; the statistics are
 * {@link LegacyStatistics}'; the flags are exclusive: FADING (a trend &gt; minTrendMagYr over more than
 * minBaselineYears), else BRIGHTENING (a trend &lt; −minTrendMagYr over the same), else VARIABLE (an RMS &gt;
 * variableRms or a χ² &gt; variableChi2), else NORMAL; too few epochs give UNKNOWN and a {@code skip_reason}. Every
 * threshold comes from the configuration; when fadingMaxP is set (the preset does not), a trend also needs p below it.
 *
 * <p>Columns: {@code designation, n_epochs, baseline_years, rms_w1, rms_w2, chi2_w1, chi2_w2, trend_w1, trend_w2,
 * is_variable, is_fading, is_brightening, variability_score, flag, skip_reason}.
 */
final class Tier5Method implements VariabilityMethod {

    /** The reference's exclusive scores. */
    private static final long FADING_SCORE = 15, BRIGHTENING_SCORE = -5, VARIABLE_SCORE = -10;
    /** The reference's skip reasons: too few rows, or too few once NaN rows are dropped. */
    private static final String TOO_FEW_ROWS = "insufficient_epochs", TOO_FEW_VALID = "insufficient_valid";
    /**
     * Not the reference's: the source is measured but its baseline is shorter than
     * {@link VariabilityConfig#MIN_TREND_BASELINE_DAYS} (one visit), so its trends are NaN and it is neither FADING
     * nor BRIGHTENING; RMS, χ² and VARIABLE are kept.
     */
    static final String BASELINE_TOO_SHORT = "baseline_too_short";

    private final VariabilityConfig.Statistics stats;
    private final VariabilityConfig.Classification cls;

    Tier5Method(VariabilityConfig config) {
        this.stats = config.statistics();
        this.cls = config.classification();
    }

    /** tier5 drops a row with a NaN band whole, and counts as it goes. */
    @Override
    public boolean countsUnusableUpFront() {
        return false;
    }

    @Override
    public Table compute(Epochs e, SourceLoop loop) {
        int ns = e.sources();
        double[] base = new double[ns], rms1 = new double[ns], rms2 = new double[ns], chi1 = new double[ns],
                chi2 = new double[ns], tr1 = new double[ns], tr2 = new double[ns];
        long[] score = new long[ns];
        int[] nEp = new int[ns];
        boolean[] isVar = new boolean[ns], isFad = new boolean[ns], isBri = new boolean[ns];
        String[] flag = new String[ns], skip = new String[ns];
        double tt = cls.minTrendMagYr();
        loop.forEach(ns, (k, x) -> {
            int from = e.start[k], to = e.start[k + 1], rows = to - from;
            x.ensure(rows);
            base[k] = rms1[k] = rms2[k] = chi1[k] = chi2[k] = tr1[k] = tr2[k] = Double.NaN;
            skip[k] = "";
            if (rows < stats.minEpochs()) {
                nEp[k] = rows;
                skip[k] = TOO_FEW_ROWS;
                flag[k] = VariabilityFlag.UNKNOWN.name();
                return;
            }
            // drop every row where w1, w2 or mjd is NaN (mjd already is: Epochs dropped those), counted
            int n = 0;
            for (int r = from; r < to; r++) {
                int i = e.row(r);
                if (!e.passes(i)) {
                    continue; // the preset has no cut
                }
                if (Double.isNaN(e.w1.get(i)) || Double.isNaN(e.w2.get(i))) {
                    e.dropped.add(e.outOfRange(Band.W1, i) || e.outOfRange(Band.W2, i) ? DropReason.MAGNITUDE_OUT_OF_RANGE
                            : DropReason.NONFINITE_MAGNITUDE);
                    continue;
                }
                Epochs.countBand(false, e.w1.get(i), e.e1.get(i), e.unusableW1);
                Epochs.countBand(false, e.w2.get(i), e.e2.get(i), e.unusableW2);
                x.put(n++, e, i);
            }
            nEp[k] = n;
            if (n < stats.minEpochs()) {
                skip[k] = TOO_FEW_VALID;
                flag[k] = VariabilityFlag.UNKNOWN.name();
                return;
            }
            base[k] = LegacyStatistics.baselineYears(x.t, n);
            LegacyStatistics.Result a = LegacyStatistics.of(x.t, x.m[0], x.s[0], 0, n);
            LegacyStatistics.Result b = LegacyStatistics.of(x.t, x.m[1], x.s[1], 0, n);
            rms1[k] = a.rms();
            chi1[k] = a.chi2();
            tr1[k] = a.trend();
            rms2[k] = b.rms();
            chi2[k] = b.chi2();
            tr2[k] = b.trend();
            boolean measurable = VariabilityConfig.trendMeasurable(base[k]);
            if (!measurable) { // one visit: no trend (MIN_TREND_BASELINE_DAYS), and the reason
                tr1[k] = tr2[k] = Double.NaN;
                skip[k] = BASELINE_TOO_SHORT;
            }
            boolean longEnough = base[k] > cls.minBaselineYears() && measurable;
            boolean sig1 = cls.significant(a.trendP()), sig2 = cls.significant(b.trendP());
            isVar[k] = cls.variableByRms(rms1[k]) || cls.variableByRms(rms2[k]) || chi1[k] > cls.variableChi2()
                    || chi2[k] > cls.variableChi2();
            isFad[k] = (sig1 && tr1[k] > tt || sig2 && tr2[k] > tt) && longEnough;
            isBri[k] = (sig1 && tr1[k] < -tt || sig2 && tr2[k] < -tt) && longEnough;
            VariabilityFlag f = isFad[k] ? VariabilityFlag.FADING : isBri[k] ? VariabilityFlag.BRIGHTENING
                    : isVar[k] ? VariabilityFlag.VARIABLE : VariabilityFlag.NORMAL;
            flag[k] = f.name();
            score[k] = isFad[k] ? FADING_SCORE : isBri[k] ? BRIGHTENING_SCORE : isVar[k] ? VARIABLE_SCORE : 0;
        });
        return Table.create("tier5_variability", StringColumn.create("designation", e.designation),
                IntColumn.create("n_epochs", nEp), DoubleColumn.create("baseline_years", base),
                DoubleColumn.create("rms_w1", rms1), DoubleColumn.create("rms_w2", rms2),
                DoubleColumn.create("chi2_w1", chi1), DoubleColumn.create("chi2_w2", chi2),
                DoubleColumn.create("trend_w1", tr1), DoubleColumn.create("trend_w2", tr2),
                BooleanColumn.create("is_variable", isVar), BooleanColumn.create("is_fading", isFad),
                BooleanColumn.create("is_brightening", isBri), LongColumn.create("variability_score", score),
                StringColumn.create(VariabilityFlag.COLUMN, flag), StringColumn.create("skip_reason", skip));
    }
}
