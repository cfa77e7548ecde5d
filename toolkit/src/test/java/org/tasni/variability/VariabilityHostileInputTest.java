package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.DropReason;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;
import org.tasni.simulate.EpochConfig;
import org.tasni.simulate.EpochSimulator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Bad values in the epochs: each left out and counted by reason, never a changed answer for the good rows. */
class VariabilityHostileInputTest {

    static final List<String> REAL_FADERS = List.of("J044024.40-731441.6", "J060501.01-545944.5", "J143046.35-025927.8",
            "J193547.43+601201.5", "J231029.40-060547.3");

    @TempDir
    Path dir;

    /** Rows of one table, with the columns of the analyzer; built row by row so a test reads like its data. */
    static final class Rows {
        final List<String> id = new ArrayList<>();
        final List<double[]> v = new ArrayList<>();

        Rows add(String d, double mjd, double w1, double s1, double w2, double s2) {
            id.add(d);
            v.add(new double[] {mjd, w1, s1, w2, s2});
            return this;
        }

        Table table() {
            String[] names = {"mjd", "w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro"};
            Table t = Table.create("epochs.parquet", StringColumn.create("designation", id));
            for (int c = 0; c < names.length; c++) {
                double[] col = new double[v.size()];
                for (int i = 0; i < col.length; i++) {
                    col[i] = v.get(i)[c];
                }
                t.addColumns(DoubleColumn.create(names[c], col));
            }
            return t;
        }
    }

    /** A fading source with 4 visits of 5 exposures over 3 years, and a flat one. */
    static Rows clean() {
        Rows r = new Rows();
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 5; x++) {
                double t = 57000 + v * 182.6 + x * 0.1;
                double noise = 0.02 * Math.sin(7.1 * v + 3.3 * x);
                r.add("FADER", t, 14 + 0.2 * (t - 57000) / 365.25 + noise, 0.03, 13.5 + 0.2 * (t - 57000) / 365.25 - noise, 0.03);
                r.add("FLAT", t, 15 + noise, 0.03, 14.6 + noise, 0.03);
            }
        }
        return r;
    }

    @Test
    void badTimesAndIdsAreDroppedCountedAndChangeNothing() {
        Table good = clean().table();
        Rows bad = clean();
        bad.add("FADER", Double.NaN, 10, 0.03, 10, 0.03)
                .add("FADER", Double.POSITIVE_INFINITY, 30, 0.03, 30, 0.03)
                .add("FLAT", Double.NEGATIVE_INFINITY, 30, 0.03, 30, 0.03)
                .add("FLAT", 2_457_000.5, 30, 0.03, 30, 0.03) // a JD, not an MJD
                .add("FADER", 0, 30, 0.03, 30, 0.03)
                .add("FADER", 54_999.9, 30, 0.03, 30, 0.03) // before WISE
                .add("", 57000, 30, 0.03, 30, 0.03)
                .add("FLAT", 57000 + 182.6, 9, 0.03, 9, 0.03); // the same exposure again, other values: not used
        Table t = bad.table();
        for (VariabilityConfig cfg : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5())) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg);
            Table want = a.analyze(good);
            Table got = a.analyze(t);
            var rep = a.report();
            assertEquals(Map.of(DropReason.NONFINITE_MJD, 3L, DropReason.MJD_OUT_OF_RANGE, 3L, DropReason.MISSING_ID, 1L,
                    DropReason.DUPLICATE, 1L), rep.dropped().snapshot(), cfg.name());
            assertEquals(t.rowCount(), rep.rows());
            assertEquals(2, rep.sources());
            TableAssert.assertSameTable(want, got);
        }
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        Table got = a.analyze(t);
        assertEquals(List.of("FADING", "STABLE"), got.stringColumn("flag").asList());
        // every input row is either in a source or counted
        assertEquals(t.rowCount(), (long) got.intColumn("n_rows").sum() + a.report().dropped().total());
        assertTrue(a.report().toString().contains("3 non-finite mjd"), a.report().toString());
    }

    /**
     * clean()'s exposures grouped by source (so that a Parquet file of them streams), with a qual_frame column (10:
     * passes), and with the exposures {@code copies} names repeated at the same mjd. copies maps a source's exposure
     * number to the bad copies to add beside it: each {qual_frame, w1 scale, w2 error}, w1 NaN where the scale is NaN.
     * With {@code badFirst} the bad copies come before the good one in the file, else after it.
     */
    private static Table withCopies(Map<String, Map<Integer, double[][]>> copies, boolean badFirst) {
        Rows r = new Rows();
        List<Integer> qual = new ArrayList<>();
        Rows c = clean();
        for (String src : List.of("FADER", "FLAT")) {
            int k = 0;
            for (int i = 0; i < c.v.size(); i++) {
                if (!c.id.get(i).equals(src)) {
                    continue;
                }
                double[] v = c.v.get(i);
                double[][] bad = copies.getOrDefault(src, Map.of()).getOrDefault(k++, new double[0][]);
                if (!badFirst) {
                    r.add(src, v[0], v[1], v[2], v[3], v[4]);
                    qual.add(10);
                }
                for (double[] b : bad) {
                    r.add(src, v[0], v[1] * b[1], v[2], v[3], b[2]);
                    qual.add((int) b[0]);
                }
                if (badFirst) {
                    r.add(src, v[0], v[1], v[2], v[3], v[4]);
                    qual.add(10);
                }
            }
        }
        Table t = r.table();
        t.addColumns(tech.tablesaw.api.IntColumn.create("qual_frame", qual.stream().mapToInt(Integer::intValue).toArray()));
        return t;
    }

    @Test
    void aRepeatedExposureKeepsItsCleanCopyWhateverTheOrder() {
        // of the copies of an exposure (same source, same mjd), the one kept passes the quality cuts and has the most
        // usable bands; the first copy had been kept, before the cuts looked at it (found by an adversarial tester: a
        // cut first copy and a clean second gave '1 duplicate, 1 cut by quality' and n_w1 = 19 of 20 usable)
        Map<String, Map<Integer, double[][]>> copies = Map.of(
                "FLAT", Map.of(5, new double[][] {{0, 1, 0.03}}), // the same values, qual_frame 0: cut
                "FADER", Map.of(12, new double[][] {{10, Double.NaN, 0.03}}, // W1 NaN: one usable band
                        20, new double[][] {{0, 1, 0.03}, {10, 1, 0}})); // cut; W2's error 0: one usable band
        Table want = withCopies(Map.of(), true);
        for (boolean badFirst : new boolean[] {true, false}) {
            Table t = withCopies(copies, badFirst);
            Path file = dir.resolve("copies_" + badFirst + ".parquet");
            ParquetIO.write(t, file, 2048); // row groups of a few dozen rows: the stream joins FADER's parts
            for (VariabilityConfig cfg : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                    VariabilityConfig.tasniTier5())) {
                for (int threads : new int[] {1, 2}) {
                    String on = cfg.name() + ", bad copies " + (badFirst ? "first" : "last") + ", " + threads + " thread(s)";
                    VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg).threads(threads);
                    Table clean = a.analyze(want);
                    for (boolean streamed : new boolean[] {false, true}) {
                        Table got = streamed ? a.analyze(file) : a.analyze(t);
                        var rep = a.report();
                        assertEquals(Map.of(DropReason.DUPLICATE, 4L), rep.dropped().snapshot(), on);
                        assertEquals(0, rep.cutRows(), on + ": the cut copies are duplicates, not cuts");
                        assertEquals(Map.of(), rep.unusableW1().snapshot(), on);
                        assertEquals(Map.of(), rep.unusableW2().snapshot(), on);
                        assertEquals("", rep.readWhole(), on + ": grouped, so streamed");
                        TableAssert.assertSameTable(clean.setName("x"), got.setName("x"));
                    }
                }
            }
        }
        Table got = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(withCopies(copies, true));
        assertEquals(List.of(40, 40), got.intColumn("n_w1").asList(), "every exposure's clean copy in W1");
        assertEquals(List.of(40, 40), got.intColumn("n_w2").asList());
    }

    @Test
    void aBadMagnitudeOrErrorLosesOnlyThatBand() {
        Rows r = clean();
        r.add("FLAT", 57000.45, Double.POSITIVE_INFINITY, 0.03, 14.6, 0.03)
                .add("FLAT", 57000.46, Double.NaN, 0.03, 14.6, 0.03)
                .add("FLAT", 57000.47, 15, 0, 14.6, 0.03)
                .add("FLAT", 57000.48, 15, -1, 14.6, Double.POSITIVE_INFINITY)
                .add("FLAT", 57000.49, 15, Double.NaN, Double.NEGATIVE_INFINITY, 0.03);
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        Table got = a.analyze(r.table());
        Table flat = got.where(got.stringColumn("designation").isEqualTo("FLAT"));
        assertEquals(40, flat.intColumn("n_w1").get(0), "none of the 5 W1 values is usable");
        assertEquals(43, flat.intColumn("n_w2").get(0), "3 of the 5 W2 values are: their exposures stay");
        assertEquals(45, flat.intColumn("n_rows").get(0));
        assertEquals(5, flat.intColumn("n_nan_w1").get(0));
        assertEquals(2, flat.intColumn("n_nan_w2").get(0));
        var rep = a.report();
        assertEquals(0, rep.dropped().total(), "no exposure is lost whole");
        assertEquals(Map.of(DropReason.NONFINITE_MAGNITUDE, 2L, DropReason.BAD_ERROR, 3L), rep.unusableW1().snapshot());
        assertEquals(Map.of(DropReason.NONFINITE_MAGNITUDE, 1L, DropReason.BAD_ERROR, 1L), rep.unusableW2().snapshot());
        // the W2 statistics include the three good W2 values: the mean over 43 by hand
        double sum = 0;
        for (int i = 0; i < 40; i++) {
            sum += r.v.get(2 * i + 1)[3];
        }
        assertEquals((sum + 3 * 14.6) / 43, flat.doubleColumn("mean_w2").get(0), 1e-9, "equal errors: plain mean");
        // tier5 drops a row with a NaN band whole, as its reference did, and counts it
        VariabilityAnalyzer t5 = VariabilityAnalyzer.of(VariabilityConfig.tasniTier5());
        Table five = t5.analyze(r.table());
        assertEquals(Map.of(DropReason.NONFINITE_MAGNITUDE, 3L), t5.report().dropped().snapshot());
        assertEquals(42, five.where(five.stringColumn("designation").isEqualTo("FLAT")).intColumn("n_epochs").get(0));
    }

    /** The real data's FADING sources stay FADING with an infinite magnitude or time in their epochs. */
    @Test
    void realFadersStayFadingWithInfinities() {
        Table epochs = TableIO.read(TableAssert.realEpochs());
        Table extra = epochs.emptyCopy();
        for (String d : REAL_FADERS) {
            Table one = epochs.where(epochs.stringColumn("designation").isEqualTo(d));
            for (int k = 0; k < 3; k++) {
                extra.addRow(one.rowCount() / 2 + k, one);
            }
            int n = extra.rowCount();
            // one exposure at w1 = +Inf, one at mjd = +Inf, one at mjd = NaN
            ((FloatColumn) extra.column("w1mpro_ep")).set(n - 3, Float.POSITIVE_INFINITY);
            extra.doubleColumn("mjd").set(n - 3, extra.doubleColumn("mjd").get(n - 3) + 0.001);
            extra.doubleColumn("mjd").set(n - 2, Double.POSITIVE_INFINITY);
            extra.doubleColumn("mjd").set(n - 1, Double.NaN);
        }
        Table hostile = epochs.copy().append(extra);
        VariabilityAnalyzer legacy = VariabilityAnalyzer.of(VariabilityConfig.tasniLegacy());
        legacy.analyze(epochs);
        long nonFiniteBefore = legacy.report().unusableW1().get(DropReason.NONFINITE_MAGNITUDE);
        Table t = legacy.analyze(hostile);
        assertEquals(REAL_FADERS, t.where(t.stringColumn("variability_flag").isEqualTo("FADING")).stringColumn("designation")
                .asList());
        assertEquals(Map.of(DropReason.NONFINITE_MJD, 10L), legacy.report().dropped().snapshot());
        assertEquals(5, legacy.report().unusableW1().get(DropReason.NONFINITE_MAGNITUDE) - nonFiniteBefore,
                "one infinite W1 per fader, counted for W1 only");
        // the standard preset: the same flags as without the bad exposures
        VariabilityAnalyzer std = VariabilityAnalyzer.of(VariabilityConfig.standard());
        Table clean = std.analyze(epochs), dirty = std.analyze(hostile);
        assertEquals(clean.stringColumn("flag").asList(), dirty.stringColumn("flag").asList());
    }

    @Test
    void emptyInputGivesAnEmptyResultWithItsColumns() {
        Table empty = clean().table().emptyCopy();
        Path file = dir.resolve("empty.parquet");
        TableIO.write(empty, file);
        for (VariabilityConfig cfg : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5())) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg);
            Table want = a.analyze(clean().table());
            Table t = a.analyze(empty);
            assertEquals(0, t.rowCount());
            assertEquals(want.columnNames(), t.columnNames(), cfg.name());
            assertEquals(0, a.report().rows());
            Table s = a.analyze(file);
            assertEquals(0, s.rowCount());
            assertEquals(want.columnNames(), s.columnNames(), cfg.name() + " streamed");
        }
        // every row dropped: the same empty result, with the rows counted
        Table allBad = new Rows().add("A", Double.NaN, 14, 0.1, 14, 0.1).add("", 57000, 14, 0.1, 14, 0.1).table();
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        assertEquals(0, a.analyze(allBad).rowCount());
        assertEquals(2, a.report().dropped().total());
    }

    @Test
    void streamingCountsTheSameDrops() {
        var sample = EpochSimulator.of(EpochConfig.defaults().withSeed(5)).simulate(VariabilityAnalyzerTest.targets(30, "S"));
        Table t = sample.epochs().copy();
        DoubleColumn mjd = t.doubleColumn("mjd");
        mjd.set(3, Double.NaN);
        mjd.set(200, 1e9);
        mjd.set(401, mjd.get(400)); // an exposure repeated at the same time
        ((FloatColumn) t.column("w1mpro")).set(500, Float.NEGATIVE_INFINITY);
        // two exposures of a source swapped, so that its rows are out of time order (sorted where they are read)
        double swap = mjd.get(610);
        mjd.set(610, mjd.get(611));
        mjd.set(611, swap);
        // one row group, and row groups of a few dozen rows: every drop then lies in a range of a group that is read
        // in place, away from the group's first row
        for (long groupBytes : new long[] {ParquetIO.DEFAULT_ROW_GROUP_BYTES, 4 * 1024}) {
            Path file = dir.resolve("e" + groupBytes + ".parquet");
            ParquetIO.write(t, file, groupBytes);
            VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
            Table whole = a.analyze(TableIO.read(file));
            var w = a.report();
            Table streamed = a.analyze(file);
            var s = a.report();
            TableAssert.assertSameTable(whole, streamed);
            assertEquals(Map.of(DropReason.NONFINITE_MJD, 1L, DropReason.MJD_OUT_OF_RANGE, 1L, DropReason.DUPLICATE, 1L),
                    s.dropped().snapshot(), "row groups of " + groupBytes + " bytes");
            assertEquals(w.dropped().snapshot(), s.dropped().snapshot());
            assertEquals(w.unusableW1().snapshot(), s.unusableW1().snapshot());
            assertEquals(w.cutRows(), s.cutRows());
            assertEquals(1, s.unusableW1().get(DropReason.NONFINITE_MAGNITUDE) - countNonFinite(sample.epochs(), "w1mpro"));
        }
    }

    private static long countNonFinite(Table t, String col) {
        return java.util.Arrays.stream(((FloatColumn) t.column(col)).asDoubleArray()).filter(x -> !Double.isFinite(x)).count();
    }

    /** The standard preset's per-source columns, recomputed by hand (equal errors: weighted = plain) and by commons-math. */
    @Test
    void standardColumnsAgreeWithAHandComputation() {
        Rows r = clean();
        Table t = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(r.table());
        for (int src = 0; src < 2; src++) {
            double[] mjd = new double[40], w1 = new double[40];
            for (int i = 0; i < 40; i++) {
                mjd[i] = r.v.get(2 * i + src)[0];
                w1[i] = r.v.get(2 * i + src)[1];
            }
            String who = t.stringColumn("designation").get(src);
            assertEquals(40, t.intColumn("n_rows").get(src), who);
            assertEquals(40, t.intColumn("n_w1").get(src), who);
            assertEquals(8, t.intColumn("n_visits").get(src), who);
            assertEquals((mjd[39] - mjd[0]) / 365.25, t.doubleColumn("baseline_years").getDouble(src), 1e-12, who);
            double mean = java.util.Arrays.stream(w1).average().orElseThrow(), ss = 0, chi = 0, dd = 0;
            for (int i = 0; i < 40; i++) {
                ss += (w1[i] - mean) * (w1[i] - mean);
                chi += Math.pow((w1[i] - mean) / 0.03, 2);
                dd += i > 0 ? Math.pow(w1[i] - w1[i - 1], 2) : 0;
            }
            assertEquals(mean, t.doubleColumn("mean_w1").getDouble(src), 1e-9, who);
            assertEquals(Math.sqrt(ss / 39), t.doubleColumn("rms_w1").getDouble(src), 1e-9, who);
            assertEquals(chi / 39, t.doubleColumn("chi2_w1").getDouble(src), 1e-6, who);
            assertEquals(dd / 39 / (ss / 39), t.doubleColumn("eta_w1").getDouble(src), 1e-6, who);
            var reg = new org.apache.commons.math3.stat.regression.SimpleRegression();
            for (int i = 0; i < 40; i++) {
                reg.addData((mjd[i] - mjd[0]) / 365.25, w1[i]);
            }
            assertEquals(reg.getSlope(), t.doubleColumn("trend_w1_mag_yr").getDouble(src), 1e-9, who);
            assertEquals(reg.getSlopeStdErr(), t.doubleColumn("trend_w1_err").getDouble(src), 1e-9, who);
            assertEquals(reg.getRSquare(), t.doubleColumn("trend_w1_r2").getDouble(src), 1e-9, who);
            double p = t.doubleColumn("trend_w1_p").getDouble(src);
            assertTrue(Math.abs(reg.getSignificance() - p) <= 1e-9 + 1e-6 * p, who + " p " + p + " vs " + reg.getSignificance());
            assertEquals(0, t.intColumn("n_nan_w1").get(src));
        }
    }

    @Test
    void aColumnWrongInEveryRowIsRefusedNamingFileColumnAndRow() {
        Rows jd = new Rows();
        for (double[] v : clean().v) {
            jd.add("A", v[0] + 2_400_000.5, v[1], v[2], v[3], v[4]);
        }
        jd.v.get(0)[0] = Double.NaN; // the first data row has no time: the message names the second
        for (VariabilityConfig cfg : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy())) {
            var e = assertThrows(org.tasni.TasniException.class, () -> VariabilityAnalyzer.of(cfg).analyze(jd.table()));
            assertTrue(e.getMessage().startsWith("epochs.parquet: column 'mjd'") && e.getMessage().contains("data row 2:")
                    && e.getMessage().contains("JD"), e.getMessage());
        }
        assertThrows(org.tasni.TasniException.class, () -> Periodogram.of(PeriodogramConfig.standard()).run(jd.table()));
        Rows noId = new Rows().add("", 57000, 14, 0.1, 14, 0.1).add(" ", 57001, 14, 0.1, 14, 0.1);
        var e = assertThrows(org.tasni.TasniException.class,
                () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(noId.table()));
        assertTrue(e.getMessage().contains("column 'designation' is empty in every row"), e.getMessage());
    }

    /**
     * More than 65,535 distinct integer ids (the cntr of a large field): Tablesaw keeps their strings without dictionary
     * keys, and the grouping still gets its keys (it threw UnsupportedOperationException before).
     */
    @Test
    void manyIntegerIdsGroup() {
        int n = 140_000;
        long[] cntr = new long[n];
        double[] mjd = new double[n];
        float[] m = new float[n], e = new float[n];
        for (int i = 0; i < n; i++) {
            cntr[i] = 3_000_000_000_000L + i * 7L; // a source per exposure, ids 7 apart
            mjd[i] = 57_000 + i % 2;
            m[i] = 14 + 0.01f * (i % 3);
            e[i] = 0.05f;
        }
        Table t = Table.create("cntr", tech.tablesaw.api.LongColumn.create("cntr", cntr),
                tech.tablesaw.api.DoubleColumn.create("mjd", mjd), tech.tablesaw.api.FloatColumn.create("w1mpro", m),
                tech.tablesaw.api.FloatColumn.create("w1sigmpro", e), tech.tablesaw.api.FloatColumn.create("w2mpro", m),
                tech.tablesaw.api.FloatColumn.create("w2sigmpro", e));
        t.longColumn("cntr").setMissing(5); // an empty id among them: its key lies far above the others
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard()).idColumn("cntr");
        Table out = a.analyze(t);
        assertEquals(n - 1, out.rowCount());
        assertEquals(1, a.report().dropped().get(DropReason.MISSING_ID));
        assertEquals(java.util.stream.LongStream.range(0, n).filter(k -> k != 5).map(k -> 3_000_000_000_000L + k * 7)
                .boxed().toList(), out.longColumn("cntr").asList().stream().sorted().toList());
        assertTrue(out.intColumn("n_w1").asList().stream().allMatch(k -> k == 1), "one exposure each");
    }

    /** An integer id (an AllWISE cntr) keeps its exact value: two ids one apart above 2^53 stay two sources. */
    @Test
    void anIntegerIdColumnIsExact() {
        Rows r = clean();
        Table t = r.table();
        long big = 1_234_567_890_123_456_789L;
        long[] cntr = new long[t.rowCount()];
        for (int i = 0; i < cntr.length; i++) {
            cntr[i] = t.stringColumn("designation").get(i).equals("FADER") ? big : big + 1;
        }
        t.addColumns(tech.tablesaw.api.LongColumn.create("cntr", cntr));
        assertEquals((double) big, (double) (big + 1), "the two ids are one double");
        Path file = dir.resolve("cntr.parquet");
        // streaming needs each source's rows together (not Tablesaw's sort: it compares longs as doubles)
        TableIO.write(t.where(t.stringColumn("designation").isEqualTo("FADER"))
                .append(t.where(t.stringColumn("designation").isEqualTo("FLAT"))), file);
        for (VariabilityConfig cfg : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy())) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg).idColumn("cntr");
            Table whole = a.analyze(t), streamed = a.analyze(file);
            // the id column keeps its name and integer type (issue #11 follow-up): exact longs, not strings
            List<Long> want = List.of(big, big + 1);
            assertEquals(want, whole.longColumn("cntr").asList().stream().sorted().toList(), cfg.name());
            assertEquals(want, streamed.longColumn("cntr").asList().stream().sorted().toList(), cfg.name());
        }
        // an id column of another type is refused by name
        var e = assertThrows(org.tasni.TasniException.class,
                () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).idColumn("w1mpro").analyze(t));
        assertTrue(e.getMessage().contains("column 'w1mpro' has type DOUBLE; a source id must be a string or an integer"),
                e.getMessage());
    }

    /**
     * 12 exposures within half a day, brightness drifting 0.1 mag over the night (and a second source, 0.6 mag/yr
     * over seven visits): one visit gives no trend in any preset, NaN trend columns, no FADING; two visits do.
     */
    @Test
    void aSingleNightGivesNoTrend() {
        Rows r = new Rows();
        for (int x = 0; x < 12; x++) {
            double t = 58000 + x * 0.04, noise = 0.01 * Math.sin(5.3 * x);
            r.add("NIGHT", t, 14 + 0.1 * x / 11 + noise, 0.01, 13.5 + 0.1 * x / 11 - noise, 0.01);
        }
        for (int v = 0; v < 7; v++) { // 3 years, more than any preset's minBaselineYears
            for (int x = 0; x < 12; x++) {
                double t = 58000 + v * 182.6 + x * 0.04, noise = 0.01 * Math.sin(5.3 * x + v);
                r.add("YEAR", t, 14 + 0.3 * v + noise, 0.01, 13.5 + 0.3 * v - noise, 0.01);
            }
        }
        Table t = r.table();
        for (VariabilityConfig cfg : new VariabilityConfig[] {VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5()}) {
            Table out = VariabilityAnalyzer.of(cfg).analyze(t);
            int night = -1, year = -1;
            for (int i = 0; i < out.rowCount(); i++) {
                String d = out.stringColumn("designation").get(i);
                night = d.equals("NIGHT") ? i : night;
                year = d.equals("YEAR") ? i : year;
            }
            assertEquals(2, out.rowCount());
            String flagCol = cfg.method() == VariabilityConfig.Method.LEGACY ? VariabilityFlag.LEGACY_COLUMN : VariabilityFlag.COLUMN;
            for (String c : out.columnNames()) {
                if (c.startsWith("trend_w") && !c.equals("trend_type")) {
                    assertTrue(Double.isNaN(((tech.tablesaw.api.NumericColumn<?>) out.column(c)).getDouble(night)),
                            cfg.name() + " " + c + " = " + out.column(c).getString(night));
                }
            }
            String f = out.stringColumn(flagCol).get(night);
            assertNotEquals("FADING", f, cfg.name());
            assertNotEquals("BRIGHTENING", f, cfg.name());
            assertEquals("FADING", out.stringColumn(flagCol).get(year), cfg.name()); // 0.6 mag/yr over 3 years
            String trendCol = cfg.method() == VariabilityConfig.Method.STANDARD ? "trend_w1_mag_yr" : "trend_w1";
            assertEquals(0.6, ((tech.tablesaw.api.NumericColumn<?>) out.column(trendCol)).getDouble(year), 0.05, cfg.name());
            if (cfg.method() == VariabilityConfig.Method.TIER5) {
                assertEquals(Tier5Method.BASELINE_TOO_SHORT, out.stringColumn("skip_reason").get(night));
                assertEquals("", out.stringColumn("skip_reason").get(year));
            }
        }
    }

    /**
     * A band's trend is judged over that band's own usable epochs (found by an adversarial tester): a source seen in W2
     * over ten years but in W1 only in its first visit, drifting 0.25 mag through it, had been FADING at 60 mag/yr in
     * W1 in every preset, the one-visit rule applied to the source's span. Likewise W1 only in two visits half a year
     * apart: in the standard preset a 0.5-year W1 trend does not make the source FADING (minBaselineYears 2 of its own
     * epochs); the reference presets keep the reference's baseline over all rows for that rule.
     */
    @Test
    void aBandSeenInOneVisitHasNoTrendWhateverTheOtherBandsSpan() {
        Rows r = new Rows();
        for (int v = 0; v < 20; v++) {
            for (int x = 0; x < 12; x++) {
                double t = 56700 + v * 182.6 + x * 0.1, noise = 0.01 * Math.sin(5.3 * x + v);
                double w1 = v == 0 ? 16 + 0.25 * x / 11 + noise : Double.NaN; // W1 detected in the first visit only
                r.add("ONE", t, w1, v == 0 ? 0.03 : Double.NaN, 14.5 + noise, 0.03);
                double w1two = v < 2 ? 16 + 0.05 * v + noise : Double.NaN; // W1 in two visits, a 0.05 mag step
                r.add("TWO", t, w1two, v < 2 ? 0.03 : Double.NaN, 14.5 + noise, 0.03);
            }
        }
        Table t = r.table();
        for (VariabilityConfig cfg : new VariabilityConfig[] {VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5()}) {
            Table out = VariabilityAnalyzer.of(cfg).analyze(t);
            int one = out.stringColumn("designation").indexOf("ONE"), two = out.stringColumn("designation").indexOf("TWO");
            String flagCol = cfg.method() == VariabilityConfig.Method.LEGACY ? VariabilityFlag.LEGACY_COLUMN : VariabilityFlag.COLUMN;
            String trendCol = cfg.method() == VariabilityConfig.Method.STANDARD ? "trend_w1_mag_yr" : "trend_w1";
            NumericColumn<?> w1Trend = (NumericColumn<?>) out.column(trendCol);
            assertTrue(Double.isNaN(w1Trend.getDouble(one)), cfg.name() + ": " + w1Trend.getDouble(one));
            assertNotEquals("FADING", out.stringColumn(flagCol).get(one), cfg.name());
            // two visits: a trend is measured (0.05 mag over half a year)
            assertEquals(0.1, w1Trend.getDouble(two), 0.02, cfg.name());
            if (cfg.method() == VariabilityConfig.Method.STANDARD) {
                assertEquals(Double.NaN, out.doubleColumn("trend_w1_err").getDouble(one));
                assertEquals(Double.NaN, out.doubleColumn("trend_w1_p").getDouble(one));
                assertTrue(out.doubleColumn("trend_w1_p").getDouble(two) < 0.01, "significant, but over 0.5 yr");
                assertNotEquals("FADING", out.stringColumn(flagCol).get(two));
                assertEquals(19 * 182.6 / 365.25 + 1.1 / 365.25, out.doubleColumn("baseline_years").getDouble(one), 1e-9,
                        "the source's span, over every exposure");
            }
        }
        // the light curve draws no line where the table has no trend
        assertEquals(Double.NaN, LightCurve.of(t, "ONE").w1().trend().slopeMagYr());
        assertEquals(0.1, LightCurve.of(t, "TWO").w1().trend().slopeMagYr(), 0.02);
    }

    /**
     * Found by an adversarial tester: an mjd column NaN or empty in every row gave 0 sources and exit 0, where a column
     * with no value in the span is refused; and a word in a quality column was refused without its row.
     */
    @Test
    void anMjdColumnWithNoFiniteValueIsRefusedAndAWordInAQualityColumnIsNamedWithItsRow() throws Exception {
        Table t = clean().table();
        t.replaceColumn("mjd", DoubleColumn.create("mjd", t.rowCount()).fillWith(Double.NaN));
        String expected = "epochs.parquet: column 'mjd' has no finite value (data rows 1 to 80); every epoch needs its "
                + "time, as an MJD.";
        for (VariabilityConfig cfg : new VariabilityConfig[] {VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5()}) {
            assertEquals(expected, assertThrows(org.tasni.TasniException.class,
                    () -> VariabilityAnalyzer.of(cfg).analyze(t)).getMessage(), cfg.name());
        }
        assertEquals(expected, assertThrows(org.tasni.TasniException.class,
                () -> Periodogram.of(PeriodogramConfig.standard()).run(t)).getMessage());
        // streamed from Parquet: the file's totals, not a row group's
        Path p = dir.resolve("nan-mjd.parquet");
        TableIO.write(t, p);
        var streamed = assertThrows(org.tasni.TasniException.class,
                () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(p));
        assertEquals(expected.replace("epochs.parquet", "nan-mjd.parquet"), streamed.getMessage());

        Path csv = dir.resolve("qual.csv");
        java.nio.file.Files.writeString(csv, "designation,mjd,w1mpro,w1sigmpro,w2mpro,w2sigmpro,qual_frame\n"
                + "A,57000,14,0.03,13,0.03,10\nA,57200,14,0.03,13,0.03,A\nA,57400,14,0.03,13,0.03,10\n");
        var e = assertThrows(org.tasni.TasniException.class,
                () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(TableIO.read(csv)));
        assertEquals("qual.csv: column 'qual_frame' has type STRING; expected a number. Data row 2 (counted from 1, the "
                + "header not counted) holds 'A' among 2 numbers; fix that cell so the column reads as numbers.",
                e.getMessage());
    }

    /**
     * Both names of a band's column (found by an adversarial tester): a catalogue w1mpro joined onto epochs whose
     * exposures are in w1mpro_ep had been taken as the light curve, silently, every source STABLE with χ² 0 and every
     * periodogram band constant. Refused, in the analyzer, the periodogram and a light curve.
     */
    @Test
    void bothNamesOfABandsColumnAreRefused() {
        Table t = clean().table();
        t.column("w1mpro").setName("w1mpro_ep");
        t.addColumns(DoubleColumn.create("w1mpro", t.rowCount()).fillWith(14.2)); // the catalogue's, one per source
        String expected = "epochs.parquet: both 'w1mpro' and 'w1mpro_ep' are columns, so which one holds each exposure's"
                + " value is unclear (a catalogue column joined on?). Keep one of them: table.removeColumns(\"w1mpro\"), or"
                + " tasni convert IN OUT --columns with the ones to keep.";
        assertEquals(expected, assertThrows(org.tasni.TasniException.class,
                () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(t)).getMessage());
        assertEquals(expected, assertThrows(org.tasni.TasniException.class,
                () -> Periodogram.of(PeriodogramConfig.standard()).run(t)).getMessage());
        assertEquals(expected, assertThrows(org.tasni.TasniException.class, () -> LightCurve.of(t, "FADER")).getMessage());
        t.removeColumns("w1mpro");
        assertEquals("FADING", VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(t)
                .stringColumn(VariabilityFlag.COLUMN).get(0));
    }

    /**
     * An error far outside any photometry's (a double column can hold 1e-200 or 1e200) is unusable like a NaN one, and
     * counted as one: before, its weight 1/σ² (+∞, or 0 with σ² = +∞) turned the band's mean, χ², trend and Stetson J
     * into NaN, counted nowhere. The bounds themselves are usable, through visit binning too.
     */
    @Test
    void anErrorOutsideItsRangeIsUnusableAndCounted() {
        double[] extreme = {1e-200, 1e200, Math.nextDown(DropReason.ERROR_MIN), Math.nextUp(DropReason.ERROR_MAX)};
        Rows bad = clean(), nan = clean();
        for (int i = 0; i < extreme.length; i++) {
            bad.add("FLAT", 57000.45 + 0.01 * i, 15, extreme[i], 14.6, 0.03);
            nan.add("FLAT", 57000.45 + 0.01 * i, 15, Double.NaN, 14.6, 0.03);
        }
        for (boolean bin : new boolean[] {false, true}) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard().withBinVisits(bin));
            Table want = a.analyze(nan.table());
            Table got = a.analyze(bad.table());
            TableAssert.assertSameTable(want, got);
            assertEquals(Map.of(DropReason.BAD_ERROR, (long) extreme.length), a.report().unusableW1().snapshot());
            Table flat = got.where(got.stringColumn("designation").isEqualTo("FLAT"));
            for (String c : List.of("mean_w1", "chi2_w1", "trend_w1_mag_yr", "stetson_j")) {
                assertTrue(Double.isFinite(flat.doubleColumn(c).get(0)), c + " with bin " + bin);
            }
            assertEquals(extreme.length, flat.intColumn("n_nan_w1").get(0));
        }
        // the reference presets leave out, and count, the same measurements (the reference's σ > 0 made χ² infinite)
        for (VariabilityConfig cfg : List.of(VariabilityConfig.tasniLegacy(), VariabilityConfig.tasniTier5())) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg);
            Table want = a.analyze(nan.table());
            Table got = a.analyze(bad.table());
            TableAssert.assertSameTable(want, got);
            assertEquals(Map.of(DropReason.BAD_ERROR, (long) extreme.length), a.report().unusableW1().snapshot(),
                    cfg.name());
            assertTrue(got.doubleColumn("chi2_w1").allMatch((java.util.function.DoublePredicate) Double::isFinite), cfg.name());
        }
        // the bounds are usable: a light curve at either end has finite statistics, binned or not
        for (double sigma : new double[] {DropReason.ERROR_MIN, DropReason.ERROR_MAX}) {
            Rows edge = new Rows();
            for (int v = 0; v < 8; v++) {
                for (int x = 0; x < 3; x++) {
                    double t = 57000 + v * 182.6 + x * 0.1;
                    edge.add("EDGE", t, 15 + 0.01 * Math.sin(3.1 * v + x), sigma, 14.6 + 0.01 * Math.cos(v + x), sigma);
                }
            }
            for (boolean bin : new boolean[] {false, true}) {
                VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard().withBinVisits(bin));
                Table got = a.analyze(edge.table());
                assertEquals(bin ? 8 : 24, got.intColumn("n_w1").get(0), sigma + " bin " + bin);
                assertEquals(0, a.report().unusableW1().total());
                for (String c : List.of("mean_w1", "chi2_w1", "trend_w1_mag_yr", "trend_w1_err", "stetson_j", "stetson_k_w1")) {
                    assertTrue(Double.isFinite(got.doubleColumn(c).get(0)), c + " at σ = " + sigma + " bin " + bin);
                }
            }
        }
    }

    /** Visit binning is the standard method's; the reference presets refuse it rather than ignore it. */
    @Test
    void binVisitsIsRefusedByTheReferencePresets() {
        for (VariabilityConfig cfg : new VariabilityConfig[] {VariabilityConfig.tasniLegacy(), VariabilityConfig.tasniTier5()}) {
            var e = assertThrows(org.tasni.TasniException.class, () -> cfg.withBinVisits(true));
            assertTrue(e.getMessage().contains("only for the standard preset") && e.getMessage().contains(cfg.name()),
                    e.getMessage());
            var s = cfg.statistics().withBinVisits(true);
            assertThrows(org.tasni.TasniException.class, () -> cfg.withStatistics(s));
            assertFalse(cfg.withBinVisits(false).statistics().binVisits());
        }
        assertTrue(VariabilityConfig.standard().withBinVisits(true).statistics().binVisits());
    }

    /**
     * 1e300, 99 and −99 are finite but no WISE magnitude: unusable like a NaN (the same statistics as with NaN there),
     * counted as out of range, not as non-finite.
     */
    @Test
    void anAbsurdFiniteMagnitudeIsCountedOutOfRange() {
        double[][] bad = {{1e300, 14.6}, {99, 14.6}, {15, -99}, {15, 14.6}};
        Rows absurd = clean(), nan = clean();
        for (int x = 0; x < bad.length; x++) {
            absurd.add("FLAT", 57000.45 + 0.01 * x, bad[x][0], 0.03, bad[x][1], 0.03);
            nan.add("FLAT", 57000.45 + 0.01 * x, Math.abs(bad[x][0]) > 30 ? Double.NaN : bad[x][0], 0.03,
                    Math.abs(bad[x][1]) > 30 ? Double.NaN : bad[x][1], 0.03);
        }
        for (VariabilityConfig cfg : new VariabilityConfig[] {VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5()}) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg);
            Table want = a.analyze(nan.table());
            var wantRep = a.report();
            Table got = a.analyze(absurd.table());
            TableAssert.assertSameTable(want, got);
            var rep = a.report();
            if (cfg.method() == VariabilityConfig.Method.TIER5) { // tier5 drops a row with an unusable band whole
                assertEquals(wantRep.dropped().get(DropReason.NONFINITE_MAGNITUDE),
                        rep.dropped().get(DropReason.MAGNITUDE_OUT_OF_RANGE), cfg.name());
                assertEquals(3, rep.dropped().get(DropReason.MAGNITUDE_OUT_OF_RANGE), cfg.name());
                assertEquals(0, rep.dropped().get(DropReason.NONFINITE_MAGNITUDE), cfg.name());
            } else {
                assertEquals(Map.of(DropReason.MAGNITUDE_OUT_OF_RANGE, 2L), rep.unusableW1().snapshot(), cfg.name());
                assertEquals(Map.of(DropReason.MAGNITUDE_OUT_OF_RANGE, 1L), rep.unusableW2().snapshot(), cfg.name());
                assertEquals(Map.of(DropReason.NONFINITE_MAGNITUDE, 2L), wantRep.unusableW1().snapshot(), cfg.name());
            }
        }
    }

    /**
     * The band columns are read in place, not copied: FLOAT columns (as NEOWISE's Parquet has them) and DOUBLE columns
     * of the same values give the same table and the same counts in every preset, and the input keeps its bad values.
     */
    @Test
    void floatAndDoubleBandColumnsAgreeAndTheInputIsNotChanged() {
        Rows r = clean();
        double inf = Double.POSITIVE_INFINITY;
        // the accepted span's ends, −5 and 30, are usable magnitudes
        double[][] bad = {{1e30, 14.6, 0.03}, {99, inf, 0.03}, {-inf, -99, 0.03}, {15, 14.6, inf}, {15, Double.NaN, -inf},
            {30, -5, 0.03}};
        for (int x = 0; x < bad.length; x++) {
            r.add("FLAT", 57000.45 + 0.01 * x, bad[x][0], 0.03, bad[x][1], bad[x][2]);
        }
        Table doubles = r.table(), floats = Table.create(doubles.name(), doubles.column("designation").copy(),
                doubles.column("mjd").copy());
        for (String name : new String[] {"w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro"}) {
            double[] v = doubles.doubleColumn(name).asDoubleArray();
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
                v[i] = f[i]; // the double input holds the floats' values, widened
            }
            floats.addColumns(FloatColumn.create(name, f));
            doubles.replaceColumn(name, DoubleColumn.create(name, v));
        }
        Table before = floats.copy();
        int last = floats.rowCount() - bad.length;
        for (VariabilityConfig cfg : new VariabilityConfig[] {VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5()}) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg);
            Table want = a.analyze(doubles);
            var wantRep = a.report();
            Table got = a.analyze(floats);
            TableAssert.assertSameTable(want, got);
            assertEquals(wantRep.dropped().snapshot(), a.report().dropped().snapshot(), cfg.name());
            assertEquals(wantRep.unusableW1().snapshot(), a.report().unusableW1().snapshot(), cfg.name());
            assertEquals(wantRep.unusableW2().snapshot(), a.report().unusableW2().snapshot(), cfg.name());
            if (cfg.method() == VariabilityConfig.Method.STANDARD) {
                assertEquals(Map.of(DropReason.MAGNITUDE_OUT_OF_RANGE, 2L, DropReason.NONFINITE_MAGNITUDE, 1L),
                        a.report().unusableW1().snapshot());
                assertEquals(Map.of(DropReason.MAGNITUDE_OUT_OF_RANGE, 1L, DropReason.NONFINITE_MAGNITUDE, 2L,
                        DropReason.BAD_ERROR, 1L), a.report().unusableW2().snapshot());
            }
        }
        TableAssert.assertSameTable(before, floats);
        assertEquals(1e30f, floats.floatColumn("w1mpro").getFloat(last), "the sentinel is still in the input");
        assertEquals(Float.POSITIVE_INFINITY, floats.floatColumn("w2mpro").getFloat(last + 1));
        assertEquals(Float.NEGATIVE_INFINITY, floats.floatColumn("w2sigmpro").getFloat(last + 4));
    }

    /** --id-column cntr: the output's id column is cntr, integer, with the input's ids (also streamed from Parquet). */
    @Test
    void anIntegerIdColumnKeepsItsNameAndType() {
        Table t = clean().table();
        long[] cntr = new long[t.rowCount()];
        for (int i = 0; i < cntr.length; i++) { // FADING → 9000000000012, FLAT → 100: numeric order is not string order
            cntr[i] = t.stringColumn("designation").get(i).equals("FLAT") ? 100 : 9_000_000_000_012L;
        }
        t.addColumns(tech.tablesaw.api.LongColumn.create("cntr", cntr));
        t.removeColumns("designation");
        Path pq = dir.resolve("cntr.parquet"); // streaming needs each source's rows together
        Table grouped = t.where(t.longColumn("cntr").isEqualTo(100)).append(t.where(t.longColumn("cntr").isNotEqualTo(100)));
        TableIO.write(grouped, pq);
        for (VariabilityConfig cfg : new VariabilityConfig[] {VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5()}) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg).idColumn("cntr");
            Table out = a.analyze(grouped);
            assertFalse(out.containsColumn("designation"), cfg.name() + " " + out.columnNames());
            assertTrue(out.column("cntr") instanceof tech.tablesaw.api.LongColumn, cfg.name() + " " + out.column("cntr").type());
            assertEquals(java.util.Set.of(100L, 9_000_000_000_012L),
                    new java.util.HashSet<>(out.longColumn("cntr").asList()), cfg.name());
            if (cfg.method() == VariabilityConfig.Method.LEGACY) { // groupby sorts an integer key numerically
                assertEquals(List.of(100L, 9_000_000_000_012L), out.longColumn("cntr").asList());
            }
            TableAssert.assertSameTable(out, a.analyze(pq));
        }
    }
}
