package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasni.TasniException;
import org.tasni.io.DropReason;
import org.tasni.sky.ProperMotion;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

class CrossMatcherTest {

    static Table cat(String name, double[] ra, double[] dec) {
        long[] id = new long[ra.length];
        for (int i = 0; i < id.length; i++) {
            id[i] = 1000 + i;
        }
        return Table.create(name, LongColumn.create("source_id", id), DoubleColumn.create("ra", ra),
                DoubleColumn.create("dec", dec));
    }

    /** Brute force O(N·M): nearest by the angle between unit vectors, ties to the lower right index. */
    static double[][] bruteNearest(double[] lra, double[] ldec, double[] rra, double[] rdec) {
        double[][] out = new double[2][lra.length];
        double[][] rv = new double[rra.length][];
        for (int j = 0; j < rra.length; j++) {
            rv[j] = SkyMath.toVector(rra[j], rdec[j]);
        }
        for (int i = 0; i < lra.length; i++) {
            double[] q = SkyMath.toVector(lra[i], ldec[i]);
            double best = Double.POSITIVE_INFINITY;
            int bj = -1;
            for (int j = 0; j < rra.length; j++) {
                double a = SkyMath.angleRad(q, 0, rv[j], 0) * SkyMath.ARCSEC_PER_RAD;
                if (a < best) {
                    best = a;
                    bj = j;
                }
            }
            out[0][i] = bj;
            out[1][i] = best;
        }
        return out;
    }

    /** Random positions of several kinds: the whole sphere, a small dense cap, the poles, the RA wrap. */
    static double[][] positions(SplittableRandom r, int n, String kind) {
        double[] ra = new double[n], dec = new double[n];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case "sphere" -> {
                    ra[i] = r.nextDouble(360);
                    dec[i] = Math.toDegrees(Math.asin(r.nextDouble(-1, 1)));
                }
                case "cap" -> {
                    ra[i] = 150 + r.nextDouble(-0.02, 0.02);
                    dec[i] = 30 + r.nextDouble(-0.02, 0.02);
                }
                case "north" -> {
                    ra[i] = r.nextDouble(360);
                    dec[i] = 90 - r.nextDouble(0, 0.03);
                }
                case "south" -> {
                    ra[i] = r.nextDouble(360);
                    dec[i] = -90 + r.nextDouble(0, 0.03);
                }
                case "wrap" -> {
                    ra[i] = SkyMath.normalizeRa(r.nextDouble(-0.02, 0.02));
                    dec[i] = r.nextDouble(-0.02, 0.02);
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return new double[][] {ra, dec};
    }

    @ParameterizedTest
    @ValueSource(strings = {"sphere", "cap", "north", "south", "wrap"})
    void nearestAndOrphansEqualBruteForce(String kind) {
        var r = new SplittableRandom(kind.hashCode());
        double[][] l = positions(r, 1500, kind), g = positions(r, 3000, kind);
        // half the left sources get a counterpart within a few arcsec
        for (int i = 0; i < 750; i++) {
            double[] p = ProperMotion.propagate(g[0][i], g[1][i], r.nextDouble(-3000, 3000), r.nextDouble(-3000, 3000), 1);
            l[0][i] = p[0];
            l[1][i] = p[1];
        }
        Table left = cat("left", l[0], l[1]), right = cat("right", g[0], g[1]);
        double[][] bf = bruteNearest(l[0], l[1], g[0], g[1]);
        for (int threads : new int[] {1, 2, 3}) {
            var xm = CrossMatcher.radius(3).threads(threads);
            Table near = xm.nearest(left, right);
            for (int i = 0; i < l[0].length; i++) {
                assertEquals(1000 + (long) bf[0][i], near.longColumn("match_id").get(i), kind + " row " + i);
                assertEquals(bf[1][i], near.doubleColumn("sep_arcsec").get(i), 0.0, kind + " row " + i);
                assertEquals(bf[1][i] <= 3, near.booleanColumn("matched").get(i));
            }
            Table orph = xm.orphans(left, right);
            Set<Long> expected = new HashSet<>();
            for (int i = 0; i < l[0].length; i++) {
                if (bf[1][i] > 3) {
                    expected.add(1000L + i);
                }
            }
            assertEquals(expected, new HashSet<>(orph.longColumn("source_id").asList()));
            assertEquals(orph.rowCount(), xm.report().nOut());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sphere", "cap", "north", "wrap"})
    void allPairsEqualBruteForce(String kind) {
        var r = new SplittableRandom(kind.hashCode() + 1);
        double[][] l = positions(r, 800, kind), g = positions(r, 1600, kind);
        double radius = kind.equals("sphere") ? 600 : 20;
        Table pairs = CrossMatcher.radius(radius).all(cat("l", l[0], l[1]), cat("r", g[0], g[1]));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < l[0].length; i++) {
            double[] q = SkyMath.toVector(l[0][i], l[1][i]);
            for (int j = 0; j < g[0].length; j++) {
                double a = SkyMath.angleRad(q, 0, SkyMath.toVector(g[0][j], g[1][j]), 0) * SkyMath.ARCSEC_PER_RAD;
                if (a <= radius) {
                    expected.add((1000 + i) + ":" + (1000 + j) + ":" + a);
                }
            }
        }
        List<String> got = new ArrayList<>();
        for (int k = 0; k < pairs.rowCount(); k++) {
            got.add(pairs.longColumn("left_id").get(k) + ":" + pairs.longColumn("right_id").get(k) + ":"
                    + pairs.doubleColumn("sep_arcsec").get(k));
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, got, "same pairs, same order, same separations");
    }

    @Test
    void matchLeavesTheOrphansAsRowsOfAViewOverTheLeftColumns() {
        var rnd = new SplittableRandom(21);
        double[][] l = positions(rnd, 400, "cap"), r = positions(rnd, 300, "cap");
        Table left = cat("l", l[0], l[1]), right = cat("r", r[0], r[1]);
        double[][] brute = bruteNearest(l[0], l[1], r[0], r[1]);
        double radius = 2;
        MatchOutput out = CrossMatcher.radius(radius).match(MatchMode.ORPHANS, left, right);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < l[0].length; i++) {
            if (brute[1][i] > radius) {
                expected.add(i);
            }
        }
        assertFalse(expected.isEmpty() || expected.size() == l[0].length, "some orphans, not all");
        assertEquals(expected, java.util.Arrays.stream(out.rows()).boxed().toList(), "the brute-force orphans, in order");
        assertSame(left.column("ra"), out.view().column("ra"), "the left columns are shared, not copied");
        assertEquals(3, left.columnCount(), "the left table gains no column");
        for (int i : out.rows()) {
            assertEquals(brute[1][i], out.view().doubleColumn("nearest_sep_arcsec").get(i), 1e-9);
        }
        Table copied = out.table();
        assertEquals(expected.size(), copied.rowCount());
        assertEquals(out.report().nOut(), copied.rowCount());
        assertEquals(left.longColumn("source_id").get(expected.get(0)), copied.longColumn("source_id").get(0));
        assertNotSame(left.column("ra"), copied.column("ra"), "the table of its own does not share the input's columns");
        MatchOutput near = CrossMatcher.radius(radius).match(MatchMode.NEAREST, left, right);
        assertEquals(l[0].length, near.rowCount());
        assertNotSame(left.column("ra"), near.table().column("ra"), "nearest's table copies the left rows");
    }

    /**
     * Orphans name no right source, so their match reads no right id: a right catalogue without its id column (the
     * CLI reads only {@link CrossMatcher#rightColumnsRead}) gives the same orphans and separations, while the modes
     * that name right sources still refuse it, naming the column.
     */
    @Test
    void orphansNeedNoRightIdsAndTheOtherModesDo() {
        var rnd = new SplittableRandom(22);
        double[][] l = positions(rnd, 400, "cap"), r = positions(rnd, 300, "cap");
        Table left = cat("l", l[0], l[1]), right = cat("r", r[0], r[1]);
        Table noIds = right.selectColumns("ra", "dec").setName("r");
        CrossMatcher xm = CrossMatcher.radius(2);
        assertEquals(List.of("ra", "dec"), xm.rightColumnsRead(MatchMode.ORPHANS));
        assertEquals(List.of("ra", "dec", "source_id"), xm.rightColumnsRead(MatchMode.NEAREST));
        assertEquals(List.of("ra", "dec", "source_id", "pmra", "pmdec"),
                CrossMatcher.radius(2).propagate(2016.0, 2010.5).rightColumnsRead(MatchMode.ALL));
        Table with = xm.orphans(left, right), without = xm.orphans(left, noIds);
        assertTrue(with.rowCount() > 0 && with.rowCount() < left.rowCount(), "some orphans, not all");
        assertEquals(with.rowCount(), without.rowCount());
        for (String c : with.columnNames()) {
            assertEquals(with.column(c).asList(), without.column(c).asList(), c);
        }
        for (MatchMode mode : List.of(MatchMode.NEAREST, MatchMode.ALL)) {
            var e = assertThrows(TasniException.class, () -> xm.match(mode, left, noIds), mode.label());
            assertTrue(e.getMessage().contains("source_id"), e.getMessage());
        }
        // what a reader that leaves the ids out checks first, on the table or the file's schema
        xm.requireRightIds(right);
        var e = assertThrows(TasniException.class, () -> xm.requireRightIds(noIds));
        assertTrue(e.getMessage().startsWith("r: no column 'source_id'"), e.getMessage());
        Table doubleIds = noIds.copy().addColumns(DoubleColumn.create("source_id", r[0].length)).setName("r");
        e = assertThrows(TasniException.class, () -> xm.requireRightIds(doubleIds));
        assertTrue(e.getMessage().contains("an id column must be an integer or a string"), e.getMessage());
    }

    /**
     * The warm-up's simulated matches run beside real ones (as they do beside a command's reads) and change nothing:
     * with warm-ups of every mode running, every mode still gives the brute-force answer, and the warm-ups end.
     */
    @Test
    void warmUpsInTheBackgroundChangeNoResult() throws InterruptedException {
        var rnd = new SplittableRandom(22);
        double[][] l = positions(rnd, 2000, "cap"), r = positions(rnd, 1500, "cap");
        Table left = cat("l", l[0], l[1]), right = cat("r", r[0], r[1]);
        double[][] brute = bruteNearest(l[0], l[1], r[0], r[1]);
        double radius = 2;
        int orphans = 0, pairs = 0;
        for (int i = 0; i < l[0].length; i++) {
            orphans += brute[1][i] > radius ? 1 : 0;
            double[] q = SkyMath.toVector(l[0][i], l[1][i]);
            for (int j = 0; j < r[0].length; j++) {
                pairs += SkyMath.angleRad(q, 0, SkyMath.toVector(r[0][j], r[1][j]), 0) * SkyMath.ARCSEC_PER_RAD <= radius ? 1 : 0;
            }
        }
        assertTrue(orphans > 0 && orphans < l[0].length && pairs > 0, "orphans and pairs both");
        CrossMatcher xm = CrossMatcher.radius(radius).threads(2);
        for (int round = 0; round < 3; round++) {
            for (MatchMode m : MatchMode.values()) {
                xm.warmUpInBackground(m);
            }
            Table near = xm.nearest(left, right);
            for (int i = 0; i < l[0].length; i++) {
                assertEquals(1000 + (long) brute[0][i], near.longColumn("match_id").get(i), "row " + i);
                assertEquals(brute[1][i], near.doubleColumn("sep_arcsec").get(i), 1e-9, "row " + i);
            }
            assertEquals(orphans, xm.orphans(left, right).rowCount());
            assertEquals(pairs, xm.all(left, right).rowCount());
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("tasni-crossmatch-warm-up")) {
                t.join(60_000);
                assertFalse(t.isAlive(), "a warm-up still runs after a minute");
            }
        }
    }

    @Test
    void exactlyRIsAMatchAndTiesGoToTheLowerRow() {
        double[] rra = {10.0, 10.0, 10.001, 20};
        double[] rdec = {5.0, 5.0, 5.0, 5};
        double[] lra = {10.0, 10.001 + 0.002, 20.0};
        double[] ldec = {5.0, 5.0, 5.0};
        Table right = cat("r", rra, rdec), left = cat("l", lra, ldec);
        // the separation of left 1 from right 2, computed as the matcher computes it, used as R exactly
        double r = SkyMath.angleRad(SkyMath.toVector(lra[1], ldec[1]), 0, SkyMath.toVector(rra[2], rdec[2]), 0)
                * SkyMath.ARCSEC_PER_RAD;
        var xm = CrossMatcher.radius(r);
        Table near = xm.nearest(left, right);
        assertEquals(1000, near.longColumn("match_id").get(0), "duplicate right rows: the first wins");
        assertEquals(0.0, near.doubleColumn("sep_arcsec").get(0));
        assertEquals(r, near.doubleColumn("sep_arcsec").get(1));
        assertTrue(near.booleanColumn("matched").get(1), "exactly R is a match");
        assertEquals(0, xm.orphans(left, right).rowCount());
        assertEquals(1, CrossMatcher.radius(Math.nextDown(r)).orphans(left, right).rowCount());
    }

    @Test
    void nanPositionsAreDroppedAndCounted() {
        Table left = cat("l", new double[] {10, Double.NaN, 30}, new double[] {0, 0, Double.NaN});
        Table right = cat("r", new double[] {10, Double.NaN}, new double[] {0, 1});
        var xm = CrossMatcher.radius(3);
        Table near = xm.nearest(left, right);
        assertEquals(3, near.rowCount());
        assertTrue(near.booleanColumn("matched").get(0));
        assertTrue(near.longColumn("match_id").isMissing(1) && near.doubleColumn("sep_arcsec").isMissing(1));
        assertFalse(near.booleanColumn("matched").get(2));
        assertEquals(Map.of(DropReason.NONFINITE_POSITION, 2L), xm.report().leftDropped());
        assertEquals(Map.of(DropReason.NONFINITE_POSITION, 1L), xm.report().rightDropped());
        assertEquals(0, xm.orphans(left, right).rowCount(), "a NaN position is never an orphan");
        // one row off the sky is dropped and counted; a column with no value on the sky is refused
        assertEquals(2, xm.nearest(cat("wise.parquet", new double[] {1, 2}, new double[] {0, 95}), right).rowCount());
        assertEquals(Map.of(DropReason.POSITION_OUT_OF_RANGE, 1L), xm.report().leftDropped());
        var e = assertThrows(TasniException.class,
                () -> xm.nearest(cat("wise.parquet", new double[] {1, 2}, new double[] {95, 95}), right));
        assertTrue(e.getMessage().startsWith("wise.parquet: column 'dec' has no value in [-90, 90] degrees (data row 1"),
                e.getMessage());
    }

    @Test
    void emptySides() {
        Table left = cat("l", new double[] {10, 20}, new double[] {0, 0});
        Table none = cat("r", new double[0], new double[0]);
        var xm = CrossMatcher.radius(3);
        // an empty right catalogue is a wrong or broken file: refused, never every left row an orphan
        var e = assertThrows(TasniException.class, () -> xm.orphans(left, none));
        assertEquals("table 'r' has no rows: every left row would be an orphan. Is it the right file?", e.getMessage());
        assertThrows(TasniException.class, () -> xm.nearest(left, none));
        assertEquals(0, xm.all(left, none).rowCount());
        assertEquals(0, xm.orphans(none, left).rowCount());
        assertEquals(List.of("source_id", "ra", "dec", "nearest_sep_arcsec"), xm.orphans(none, left).columnNames());
    }

    @Test
    void badConfigurationIsAClearError() {
        assertThrows(TasniException.class, () -> CrossMatcher.radius(Double.NaN));
        assertThrows(TasniException.class, () -> CrossMatcher.radius(-1));
        assertThrows(TasniException.class, () -> CrossMatcher.radius(3).threads(0));
        var e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).rightColumns("ra", "decl", "source_id")
                .orphans(cat("l", new double[] {1}, new double[] {1}), cat("gaia.parquet", new double[] {1}, new double[] {1})));
        assertTrue(e.getMessage().startsWith("gaia.parquet: no column 'decl'"), e.getMessage());
        var pm = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).propagate(2016, 2010.5)
                .orphans(cat("l", new double[] {1}, new double[] {1}), cat("gaia.parquet", new double[] {1}, new double[] {1})));
        assertTrue(pm.getMessage().startsWith("gaia.parquet: no column 'pmra'"), pm.getMessage());
    }
}
