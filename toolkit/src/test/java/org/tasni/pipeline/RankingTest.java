package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The ranking's use of the periodogram: which bands score, which period is shown, and the cadence_alias caveat. */
class RankingTest {

    static final String[] DES = {"J0000-A", "J0000-B", "J0000-C", "J0000-D", "J0000-E"};

    static Table candidates() {
        int n = DES.length;
        double[] ra = new double[n], dec = new double[n], w1 = new double[n], w2 = new double[n], colour = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = 10 + i;
            dec[i] = 20;
            w1[i] = 15;
            w2[i] = 14;
            colour[i] = 1;
        }
        return Table.create("candidates", StringColumn.create("designation", DES), DoubleColumn.create("ra", ra),
                DoubleColumn.create("dec", dec), DoubleColumn.create("w1mpro", w1), DoubleColumn.create("w2mpro", w2),
                DoubleColumn.create(CandidateCuts.COLOUR, colour));
    }

    /** Every candidate VARIABLE, with 20 visits over 10 years: only the periods set them apart. */
    static Table variability() {
        int n = DES.length;
        String[] flag = new String[n];
        double[] zero = new double[n], half = new double[n], ten = new double[n];
        int[] visits = new int[n];
        for (int i = 0; i < n; i++) {
            flag[i] = "VARIABLE";
            half[i] = 0.5;
            ten[i] = 10;
            visits[i] = 20;
        }
        return Table.create("variability", StringColumn.create("designation", DES), StringColumn.create("flag", flag),
                DoubleColumn.create("trend_w1_mag_yr", zero), DoubleColumn.create("trend_w1_p", half),
                DoubleColumn.create("trend_w2_mag_yr", zero), DoubleColumn.create("trend_w2_p", half),
                IntColumn.create("n_visits", visits), DoubleColumn.create("baseline_years", ten));
    }

    /**
     * As the standard periodogram writes it (an alias band is never is_periodic), for the first four candidates:
     * <ul>
     *   <li>A: W1's best period is a significant cadence alias (FAP 1e-6), W2 has none;</li>
     *   <li>B: W1 has a true period (FAP 1e-3), W2 a significant alias;</li>
     *   <li>C: W1 is an alias, but not a significant one (FAP 0.3);</li>
     *   <li>D: true periods in both bands.</li>
     * </ul>
     */
    static Table periodogram(boolean withAlias) {
        String[] des = {"J0000-A", "J0000-B", "J0000-C", "J0000-D"};
        Table t = Table.create("periodogram", StringColumn.create("designation", des),
                IntColumn.create("n_epochs", new int[] {200, 200, 200, 200}));
        band(t, "w1_", new double[] {182.6, 37.2, 91.3, 41.0}, new double[] {1e-6, 1e-3, 0.3, 1e-4},
                new boolean[] {false, true, false, true}, new boolean[] {true, false, true, false}, withAlias);
        band(t, "w2_", new double[] {Double.NaN, 182.4, Double.NaN, 40.9}, new double[] {Double.NaN, 1e-8, Double.NaN, 1e-5},
                new boolean[] {false, false, false, true}, new boolean[] {false, true, false, false}, withAlias);
        return t;
    }

    static void band(Table t, String p, double[] period, double[] fap, boolean[] periodic, boolean[] alias,
            boolean withAlias) {
        t.addColumns(DoubleColumn.create(p + "best_period", period), DoubleColumn.create(p + "best_power", fap.clone()),
                DoubleColumn.create(p + "fap", fap), BooleanColumn.create(p + "is_periodic", periodic));
        if (withAlias) {
            t.addColumns(BooleanColumn.create(p + "alias", alias));
        }
    }

    static Map<String, Integer> rows(Table ranked) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < ranked.rowCount(); i++) {
            m.put(ranked.stringColumn("designation").get(i), i);
        }
        return m;
    }

    @Test
    void aSignificantCadenceAliasIsACaveatAndScoresNothing() {
        Table r = Ranking.rank(candidates(), variability(), periodogram(true), MissingNeighbours.none(), 0.5, 0.01);
        Map<String, Integer> at = rows(r);
        StringColumn caveats = r.stringColumn("caveats");
        // A: the alias is the only significant peak: shown, so the reader sees which period the caveat means
        int a = at.get("J0000-A");
        assertEquals("cadence_alias", caveats.get(a));
        assertEquals(0, r.doubleColumn("score_period").getDouble(a));
        assertEquals(182.6, r.doubleColumn("best_period_d").getDouble(a));
        assertEquals("W1", r.stringColumn("period_band").get(a));
        assertEquals(1e-6, r.doubleColumn("period_fap").getDouble(a));
        // B: W1's true period is the one shown and scored; W2's alias, though its FAP is smaller, only earns the caveat
        int b = at.get("J0000-B");
        assertEquals("cadence_alias", caveats.get(b));
        assertEquals(0.25, r.doubleColumn("score_period").getDouble(b));
        assertEquals(37.2, r.doubleColumn("best_period_d").getDouble(b));
        assertEquals("W1", r.stringColumn("period_band").get(b));
        // C: an alias flag on a peak that is not significant is no period at all
        int c = at.get("J0000-C");
        assertEquals("", caveats.get(c));
        assertTrue(Double.isNaN(r.doubleColumn("best_period_d").getDouble(c)));
        // D: two true periods, no alias; E: not in the periodogram
        assertEquals("", caveats.get(at.get("J0000-D")));
        assertEquals(0.5, r.doubleColumn("score_period").getDouble(at.get("J0000-D")));
        assertEquals("", caveats.get(at.get("J0000-E")));
        // fewer caveats first: the two with the caveat come last
        StringColumn des = r.stringColumn("designation");
        assertEquals(Set.of("J0000-A", "J0000-B"), Set.of(des.get(3), des.get(4)));
    }

    /** A stricter threshold makes the same alias insignificant: the ranking reads the periodogram's threshold. */
    @Test
    void theCaveatFollowsTheThreshold() {
        // A's alias (FAP 1e-6) is no longer significant, B's W2 alias (1e-8) still is
        Table r = Ranking.rank(candidates(), variability(), periodogram(true), MissingNeighbours.none(), 0.5, 1e-7);
        Map<String, Integer> at = rows(r);
        assertEquals("", r.stringColumn("caveats").get(at.get("J0000-A")));
        assertTrue(Double.isNaN(r.doubleColumn("best_period_d").getDouble(at.get("J0000-A"))));
        assertEquals("cadence_alias", r.stringColumn("caveats").get(at.get("J0000-B")));
        r = Ranking.rank(candidates(), variability(), periodogram(true), MissingNeighbours.none(), 0.5, 1e-9);
        at = rows(r);
        assertEquals("", r.stringColumn("caveats").get(at.get("J0000-A")));
        assertEquals("", r.stringColumn("caveats").get(at.get("J0000-B")));
    }

    /** tasni-legacy's periodogram has no alias column: its is_periodic (FAP alone) is all there is, and no caveat. */
    @Test
    void aPeriodogramWithoutAliasFlagsGivesNoCaveat() {
        Table r = Ranking.rank(candidates(), variability(), periodogram(false), MissingNeighbours.none(), 0.5, 0.01);
        for (int i = 0; i < r.rowCount(); i++) {
            assertEquals("", r.stringColumn("caveats").get(i), r.stringColumn("designation").get(i));
        }
        assertEquals(0.25, r.doubleColumn("score_period").getDouble(rows(r).get("J0000-B")));
    }

    /** The rank phase's stamp holds the threshold: a ranking made before the caveat existed is not reused. */
    @Test
    void theRankSettingsHoldTheThreshold() {
        assertEquals(0.01, PipelineConfig.defaults().settingsOf(Phase.RANK).get("fap_threshold"));
    }
}
