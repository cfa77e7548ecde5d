package org.tasni.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tasni.io.Columns;
import org.tasni.variability.Band;
import org.tasni.variability.Periodogram;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per candidate, fading thermal orphans first, with the score explained column by column.
 *
 * <p>The order: FADING before everything else (the hunt is for fading thermal orphans), then the candidates with fewer
 * caveats, then the higher score, then the designation (so ties never depend on input order). The score is the sum of
 * <ul>
 *   <li>{@code score_colour} = (W1−W2 − the colour cut) / 2 mag, clipped to [0, 1]: redder is colder;</li>
 *   <li>{@code score_fading} = 0, or for FADING 1 + (the faster positive W1/W2 trend / 0.1 mag/yr, clipped to
 *       [0, 1]), so from 1 to 2;</li>
 *   <li>{@code score_period} = 0.5 for a period found in W1 and W2 alike, 0.25 in one band, else 0: evidence of an
 *       intrinsic variable (its FAP is in {@code period_fap}).</li>
 * </ul>
 *
 * <p>A band whose best period is significant (FAP below the periodogram's threshold) but at a harmonic of the NEOWISE
 * cadence (its {@code alias} flag) is not a period: the periodogram leaves it out of {@code is_periodic}, so it scores
 * nothing. It is not hidden either: the candidate gets the caveat {@code cadence_alias}, and when no band has a true
 * period the alias is the one shown in {@code best_period_d}, so the reader sees which period the caveat means.
 */
final class Ranking {

    /** Fewer visits than this and a trend is a caveat (a visit is ~1 day of ~12 exposures every ~182.6 d). */
    static final int MIN_VISITS = 5;
    /** The fading rate that earns the full trend score, mag/yr. */
    static final double FULL_TREND_MAG_YR = 0.1;

    private Ranking() {}

    /** A candidate's row before sorting. */
    private record Row(int candidate, String flag, double trend1, double p1, double trend2, double p2, double visits,
            double baseline, double period, String periodBand, double fap, double sColour, double sFading,
            double sPeriod, List<Caveat> caveats) {

        boolean fading() {
            return VariabilityFlag.FADING.name().equals(flag);
        }

        double score() {
            return sColour + sFading + sPeriod;
        }
    }

    /**
     * @param fapThreshold the periodogram's false-alarm threshold: a band's best period is significant below it (the
     *                     rule of {@code is_periodic}, applied here to the alias bands that it leaves out)
     */
    static Table rank(Table candidates, Table variability, Table periodogram, MissingNeighbours missing,
            double minW1W2, double fapThreshold) {
        Map<String, Integer> stat = index(variability), per = index(periodogram);
        String[] des = Columns.strings(candidates, "designation").asObjectArray();
        double[] ra = Columns.doubles(candidates, "ra"), dec = Columns.doubles(candidates, "dec");
        double[] colour = Columns.doubles(candidates, CandidateCuts.COLOUR);
        StringColumn flags = variability.rowCount() == 0 ? null : VariabilityFlag.column(variability);
        double[] tr1 = either(variability, "trend_w1_mag_yr", "trend_w1"), tr2 = either(variability, "trend_w2_mag_yr", "trend_w2");
        double[] p1 = either(variability, "trend_w1_p", "trend_p_w1"), p2 = either(variability, "trend_w2_p", "trend_p_w2");
        double[] visits = either(variability, "n_visits", null), base = either(variability, "baseline_years", null);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < des.length; i++) {
            List<Caveat> caveats = new ArrayList<>();
            if (missing.near(ra[i], dec[i])) {
                caveats.add(Caveat.MISSING_NEIGHBOUR_TILE);
            }
            Integer s = stat.get(des[i]);
            String flag = s == null ? "" : flags.get(s);
            double t1 = at(tr1, s), t2 = at(tr2, s), nv = at(visits, s);
            if (s == null) {
                caveats.add(Caveat.NO_LIGHT_CURVE);
            } else if (nv < MIN_VISITS) {
                caveats.add(Caveat.FEW_VISITS);
            }
            Period best = Period.of(periodogram, per.get(des[i]), fapThreshold);
            if (best.alias()) {
                caveats.add(Caveat.CADENCE_ALIAS);
            }
            double fastest = Math.max(Double.isNaN(t1) ? 0 : t1, Double.isNaN(t2) ? 0 : t2);
            double sFading = VariabilityFlag.FADING.name().equals(flag) ? 1 + clip(fastest / FULL_TREND_MAG_YR) : 0;
            rows.add(new Row(i, flag, t1, at(p1, s), t2, at(p2, s), nv, at(base, s), best.days(), best.band(),
                    best.fap(), clip((colour[i] - minW1W2) / 2.0), sFading, best.score(), caveats));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.fading()).thenComparingInt(r -> r.caveats().size())
                .thenComparing(Comparator.comparingDouble(Row::score).reversed())
                .thenComparing(r -> des[r.candidate()]));
        return table(rows, candidates, des, ra, dec, colour);
    }

    private static Table table(List<Row> rows, Table candidates, String[] des, double[] ra, double[] dec,
            double[] colour) {
        double[] w1 = Columns.doubles(candidates, "w1mpro"), w2 = Columns.doubles(candidates, "w2mpro");
        int n = rows.size();
        Table t = Table.create("ranked");
        int[] rank = new int[n];
        String[] d = new String[n], flag = new String[n], band = new String[n], cav = new String[n];
        double[][] v = new double[17][n];
        for (int k = 0; k < n; k++) {
            Row r = rows.get(k);
            int i = r.candidate();
            rank[k] = k + 1;
            d[k] = des[i];
            flag[k] = r.flag();
            band[k] = r.periodBand();
            cav[k] = r.caveats().stream().map(Caveat::toString).collect(Collectors.joining(";"));
            double[] x = {ra[i], dec[i], w1[i], w2[i], colour[i], r.trend1(), r.p1(), r.trend2(), r.p2(), r.visits(),
                r.baseline(), r.period(), r.fap(), r.sColour(), r.sFading(), r.sPeriod(), r.score()};
            for (int j = 0; j < x.length; j++) {
                v[j][k] = x[j];
            }
        }
        t.addColumns(IntColumn.create("rank", rank), StringColumn.create("designation", d));
        String[] names = {"ra", "dec", "w1mpro", "w2mpro", CandidateCuts.COLOUR};
        for (int j = 0; j < names.length; j++) {
            t.addColumns(DoubleColumn.create(names[j], v[j]));
        }
        t.addColumns(StringColumn.create(VariabilityFlag.COLUMN, flag));
        String[] more = {"trend_w1_mag_yr", "trend_w1_p", "trend_w2_mag_yr", "trend_w2_p", "n_visits",
            "baseline_years", "best_period_d"};
        for (int j = 0; j < more.length; j++) {
            t.addColumns(more[j].equals("n_visits") ? visitCounts(v[5 + j]) : DoubleColumn.create(more[j], v[5 + j]));
        }
        t.addColumns(StringColumn.create("period_band", band), DoubleColumn.create("period_fap", v[12]),
                DoubleColumn.create("score_colour", v[13]), DoubleColumn.create("score_fading", v[14]),
                DoubleColumn.create("score_period", v[15]), DoubleColumn.create("score", v[16]),
                StringColumn.create("caveats", cav));
        return t;
    }

    /** The visits as the count they are, missing (not NaN) for a candidate without a light curve. */
    private static IntColumn visitCounts(double[] visits) {
        IntColumn c = IntColumn.create("n_visits", visits.length);
        for (int i = 0; i < visits.length; i++) {
            if (Double.isNaN(visits[i])) {
                c.setMissing(i);
            } else {
                c.set(i, (int) visits[i]);
            }
        }
        return c;
    }

    /**
     * A candidate's best period: the band with the smaller FAP among those whose period is significant and not a
     * cadence alias ({@code is_periodic}); with none, the band with the smaller FAP among the significant aliases, which
     * score nothing. {@code alias}: some band's significant best period is a cadence alias (the cadence_alias caveat).
     */
    private record Period(double days, String band, double fap, boolean alias, double score) {

        static final Period NONE = new Period(Double.NaN, "", Double.NaN, false, 0);

        static Period of(Table periodogram, Integer row, double fapThreshold) {
            if (row == null) {
                return NONE;
            }
            Period best = NONE, bestAlias = NONE;
            int significant = 0;
            boolean anyAlias = false;
            for (Band b : Band.values()) {
                double days = periodogram.numberColumn(b.prefix() + "best_period").getDouble(row);
                double fap = periodogram.numberColumn(b.prefix() + "fap").getDouble(row);
                if (Boolean.TRUE.equals(periodogram.booleanColumn(b.prefix() + "is_periodic").get(row))) {
                    significant++;
                    anyAlias |= alias(periodogram, b, row);
                    if (best == NONE || fap < best.fap()) {
                        best = new Period(days, b.label(), fap, false, 0);
                    }
                } else if (alias(periodogram, b, row) && Periodogram.significant(fap, days, fapThreshold)) {
                    anyAlias = true;
                    // is_periodic leaves an alias out whatever its FAP (standard, astropy-auto): a significant one is
                    // the sampling's peak, which the ranking must say rather than drop unseen
                    if (bestAlias == NONE || fap < bestAlias.fap()) {
                        bestAlias = new Period(days, b.label(), fap, true, 0);
                    }
                }
            }
            double score = significant == 2 ? 0.5 : significant == 1 ? 0.25 : 0;
            Period shown = best == NONE ? bestAlias : best;
            return new Period(shown.days(), shown.band(), shown.fap(), anyAlias, score);
        }

        /** The band's alias flag; false where the preset has none (tasni-legacy: its is_periodic is FAP alone). */
        private static boolean alias(Table periodogram, Band b, int row) {
            return periodogram.containsColumn(b.prefix() + "alias")
                    && Boolean.TRUE.equals(periodogram.booleanColumn(b.prefix() + "alias").get(row));
        }
    }

    private static Map<String, Integer> index(Table t) {
        Map<String, Integer> m = new HashMap<>();
        if (t.rowCount() > 0) {
            StringColumn d = t.stringColumn("designation");
            for (int i = 0; i < t.rowCount(); i++) {
                m.putIfAbsent(d.get(i), i);
            }
        }
        return m;
    }

    /** The column {@code a}, else {@code b}, as doubles; null when the table has neither (the preset has no such statistic). */
    private static double[] either(Table t, String a, String b) {
        if (t.containsColumn(a)) {
            return Columns.doubles(t, a);
        }
        return b != null && t.containsColumn(b) ? Columns.doubles(t, b) : null;
    }

    private static double at(double[] v, Integer row) {
        return v == null || row == null ? Double.NaN : v[row];
    }

    private static double clip(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }
}
