package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;
import org.tasni.simulate.EpochConfig;
import org.tasni.simulate.EpochSimulator;
import org.tasni.simulate.LightCurveClass;
import org.tasni.simulate.SkySimulator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class VariabilityAnalyzerTest {

    static Table targets(int n, String prefix) {
        String[] d = new String[n];
        double[] ra = new double[n], dec = new double[n], w1 = new double[n], w2 = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = (i * 7.3) % 360;
            dec[i] = -60 + (i * 3.1) % 120;
            d[i] = prefix + SkySimulator.class.getSimpleName().charAt(0) + i;
            w1[i] = 13 + (i % 7) * 0.4;
            w2[i] = w1[i] - 0.5;
        }
        return Table.create("targets", StringColumn.create("designation", d), DoubleColumn.create("ra", ra),
                DoubleColumn.create("dec", dec), DoubleColumn.create("w1mpro", w1), DoubleColumn.create("w2mpro", w2));
    }

    @Test
    void legacyPresetReproducesThePublishedTotals() {
        Table epochs = TableIO.read(TableAssert.realEpochs());
        Table t = VariabilityAnalyzer.of(VariabilityConfig.tasniLegacy()).analyze(epochs);
        assertEquals(List.of("n_epochs", "baseline_years", "rms_w1", "rms_w2", "chi2_w1", "chi2_w2", "stetson_j", "trend_w1",
                "trend_w2", "trend_p_w1", "trend_p_w2", "is_variable", "is_stable", "trend_type", "variability_score",
                "variability_flag", "designation"), t.columnNames());
        Map<String, Long> flags = t.stringColumn("variability_flag").asList().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of("VARIABLE", 50L, "NORMAL", 45L, "FADING", 5L), flags);
        Map<Double, Long> scores = t.doubleColumn("variability_score").asList().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(-10.0, 47L, 0.0, 45L, 15.0, 5L, -15.0, 3L), scores);
        assertEquals(10, t.floatColumn("rms_w1").countMissing());
        assertEquals(41, t.floatColumn("rms_w2").countMissing());
        Table bright = t.where(t.stringColumn("designation").isIn("J043338.57-731619.4", "J054235.56-713535.8",
                "J113914.34+214121.3"));
        assertEquals(List.of("VARIABLE", "VARIABLE", "VARIABLE"), bright.stringColumn("variability_flag").asList());
        assertEquals(List.of(-15.0, -15.0, -15.0), bright.doubleColumn("variability_score").asList());
        assertEquals(107.14, t.where(t.stringColumn("designation").isEqualTo("J043338.57-731619.4"))
                .doubleColumn("chi2_w1").get(0), 0.005);
        assertEquals(List.of("J044024.40-731441.6", "J060501.01-545944.5", "J143046.35-025927.8", "J193547.43+601201.5",
                "J231029.40-060547.3"), t.where(t.stringColumn("variability_flag").isEqualTo("FADING"))
                .stringColumn("designation").asList());
        // sorted by designation, as pandas' groupby
        List<String> d = t.stringColumn("designation").asList();
        assertEquals(d.stream().sorted().toList(), d);
    }

    @Test
    void legacyPeriodogramOnTheRealFadingSources() {
        Table epochs = TableIO.read(TableAssert.realEpochs());
        Table p = Periodogram.of(PeriodogramConfig.tasniLegacy()).run(epochs, "J143046.35-025927.8",
                "J193547.43+601201.5", "J231029.40-060547.3", "J060501.01-545944.5");
        assertEquals(4, p.rowCount());
        assertEquals(List.of("designation", "n_epochs", "w1_best_period", "w1_best_power", "w1_fap", "w1_is_periodic",
                "w2_best_period", "w2_best_power", "w2_fap", "w2_is_periodic", "consistent_period"), p.columnNames(),
                "the columns of the reference's periodogram_results.csv");
        Table c = p.where(p.stringColumn("designation").isEqualTo("J231029.40-060547.3"));
        // reference-pipeline.md §6 B-V6: "consistent" at 178.63 d in both bands, on the semi-annual cadence alias
        assertTrue(c.booleanColumn("consistent_period").get(0));
        assertEquals(178.63, c.doubleColumn("w1_best_period").get(0), 0.01);
        assertEquals(178.63, c.doubleColumn("w2_best_period").get(0), 0.01);
        Table std = Periodogram.of(PeriodogramConfig.standard()).run(epochs, "J231029.40-060547.3");
        assertTrue(std.booleanColumn("w1_alias").get(0), "the standard preset flags it as the cadence alias");
        // astropy's autopower grid stops at its auto fmax
        Table auto = Periodogram.of(PeriodogramConfig.astropyAuto(5, 5)).run(epochs, "J143046.35-025927.8");
        assertTrue(1 / auto.doubleColumn("w1_best_period").get(0) <= 0.189);
        // the FAP's maximum frequency is astropy's automatic one: 0.188 d⁻¹ for J143046 and 0.628 for J193547
        for (String[] want : new String[][] {{"J143046.35-025927.8", "0.188"}, {"J193547.43+601201.5", "0.628"}}) {
            Table one = epochs.where(epochs.stringColumn("designation").isEqualTo(want[0]));
            double[] t = one.doubleColumn("mjd").asDoubleArray();
            int n = (int) java.util.stream.IntStream.range(0, one.rowCount())
                    .filter(i -> !one.floatColumn("w1mpro_ep").isMissing(i) && one.floatColumn("w1sigmpro_ep").getDouble(i) > 0).count();
            var g = LombScargle.autoGrid(n, java.util.Arrays.stream(t).max().orElseThrow() - java.util.Arrays.stream(t).min().orElseThrow(), 5, 5);
            assertEquals(Double.parseDouble(want[1]), g.f0() + g.df() * (g.count() - 1), 0.001, want[0]);
        }
    }

    @Test
    void standardPresetOnRealDataCountsItsCuts() {
        Table epochs = TableIO.read(TableAssert.realEpochs());
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        Table t = a.analyze(epochs);
        assertEquals(100, t.rowCount());
        assertEquals(1791, (int) t.intColumn("n_cut_qual_frame").sum(), "qual_frame = 0 rows");
        assertEquals(1791, a.report().cutRows());
        assertEquals(38700, (int) t.intColumn("n_rows").sum());
        for (String f : t.stringColumn("flag").asList()) {
            assertTrue(List.of("STABLE", "VARIABLE", "FADING", "BRIGHTENING", "NORMAL", "INSUFFICIENT_DATA").contains(f));
        }
    }

    @Test
    void fadingRatesAreRecoveredWithin2SigmaAndConstantsRarelyFade() {
        Table tg = targets(600, "F");
        var sample = EpochSimulator.of(EpochConfig.defaults().withSeed(11).onlyClass(LightCurveClass.FADING)).simulate(tg);
        Table t = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(sample.epochs());
        Table truth = sample.truth();
        int within = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(truth.stringColumn("designation").get(i), t.stringColumn("designation").get(i));
            double want = truth.doubleColumn("true_trend_w1_mag_yr").get(i);
            double got = t.doubleColumn("trend_w1_mag_yr").get(i), err = t.doubleColumn("trend_w1_err").get(i);
            if (Math.abs(got - want) <= 2 * err) {
                within++;
            }
        }
        assertTrue(within >= 0.95 * t.rowCount(), within + " of " + t.rowCount() + " within 2σ");
        var constant = EpochSimulator.of(EpochConfig.defaults().withSeed(12).onlyClass(LightCurveClass.CONSTANT))
                .simulate(targets(2000, "C"));
        Table c = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(constant.epochs());
        long fading = c.stringColumn("flag").isEqualTo("FADING").size();
        assertTrue(fading <= 0.01 * c.rowCount(), fading + " of " + c.rowCount() + " constant sources flagged FADING");
        long bright = c.stringColumn("flag").isEqualTo("BRIGHTENING").size();
        assertTrue(bright <= 0.01 * c.rowCount(), bright + " BRIGHTENING");
    }

    /** The line a plot draws with a preset's cuts is the trend that preset's table reports, in both bands. */
    @Test
    void lightCurveWithThePresetsCutsHasTheTablesTrend() {
        var sample = EpochSimulator.of(EpochConfig.defaults().withSeed(5).onlyClass(LightCurveClass.FADING))
                .simulate(targets(40, "L"));
        VariabilityConfig standard = VariabilityConfig.standard();
        Table t = VariabilityAnalyzer.of(standard).analyze(sample.epochs());
        int leftOut = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            String des = t.stringColumn("designation").get(i);
            LightCurve kept = LightCurve.of(sample.epochs(), des, standard.cuts()), all = LightCurve.of(sample.epochs(), des);
            for (Band b : Band.values()) {
                double want = t.doubleColumn("trend_" + b.key() + "_mag_yr").get(i);
                assertEquals(want, kept.points(b).trend().slopeMagYr(), 1e-12 * Math.max(1, Math.abs(want)), des + " " + b);
                leftOut += all.points(b).size() - kept.points(b).size();
            }
        }
        assertTrue(leftOut > 0, "the simulated exposures include some that the standard cuts reject");
    }

    @Test
    void badValuesAreHandledAndCountedNeverACrash() {
        String[] d = {"A", "B", "B", "C", "C", "C", "D", "D", "D"};
        double[] mjd = {57001, 57001, 57002, 57001, 57002, 57003, 57001, 57002, 57003};
        float[] w1 = {14, 14, 15, Float.NaN, Float.NaN, Float.NaN, 14, 14.1f, 14.2f};
        float[] s1 = {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0, -1};
        Table e = Table.create("e", StringColumn.create("designation", d), DoubleColumn.create("mjd", mjd),
                FloatColumn.create("w1mpro", w1), FloatColumn.create("w1sigmpro", s1), FloatColumn.create("w2mpro", w1),
                FloatColumn.create("w2sigmpro", s1));
        for (VariabilityConfig cfg : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5())) {
            Table t = VariabilityAnalyzer.of(cfg).analyze(e);
            assertEquals(4, t.rowCount(), cfg.name());
        }
        Table t = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(e);
        assertEquals(List.of(1, 2, 0, 1), t.intColumn("n_w1").asList(), "single epoch, all NaN, σ ≤ 0 skipped");
        assertEquals(List.of(0, 0, 3, 2), t.intColumn("n_nan_w1").asList(), "and counted");
        assertEquals(List.of("INSUFFICIENT_DATA", "INSUFFICIENT_DATA", "INSUFFICIENT_DATA", "INSUFFICIENT_DATA"),
                t.stringColumn("flag").asList());
    }

    /**
     * FLOAT band columns (NEOWISE's Parquet) are kept as floats and widened per source; the same values given as DOUBLE
     * columns (a CSV) must give every output column and every count to the bit, bad values (±Infinity, out-of-range
     * magnitudes, NaN, σ ≤ 0) included, for every preset and for a light curve.
     */
    @Test
    void floatColumnsGiveTheBitsOfTheSameValuesAsDoubles() {
        Table sim = EpochSimulator.of(EpochConfig.defaults()).simulate(targets(40, "F")).epochs();
        String[] bands = {"w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro"};
        float[][] f = new float[bands.length][];
        for (int c = 0; c < bands.length; c++) {
            double[] v = org.tasni.io.Columns.doubles(sim, bands[c]);
            f[c] = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[c][i] = (float) v[i];
            }
        }
        float[] hostile = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 99, -10, 1e30f, Float.NaN, 0, -1};
        for (int h = 0; h < hostile.length; h++) {
            for (int c = 0; c < bands.length; c++) {
                f[c][37 * h + 11 * c + 5] = hostile[(h + c) % hostile.length];
            }
        }
        Table floats = sim.copy(), doubles = sim.copy();
        for (int c = 0; c < bands.length; c++) {
            double[] wide = new double[f[c].length];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = f[c][i];
            }
            floats.replaceColumn(bands[c], FloatColumn.create(bands[c], f[c]));
            doubles.replaceColumn(bands[c], DoubleColumn.create(bands[c], wide));
        }
        for (VariabilityConfig cfg : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5())) {
            var a = VariabilityAnalyzer.of(cfg);
            Table x = a.analyze(floats);
            VariabilityReport rx = a.report();
            Table y = a.analyze(doubles);
            VariabilityReport ry = a.report();
            assertEquals(y.columnNames(), x.columnNames(), cfg.name());
            for (var col : y.columns()) {
                // asList compares doubles with equals: NaN equals NaN, and every other value to the bit
                assertEquals(col.asList(), x.column(col.name()).asList(), cfg.name() + " " + col.name());
            }
            assertEquals(ry.dropped().snapshot(), rx.dropped().snapshot(), cfg.name() + " dropped");
            assertEquals(ry.unusableW1().snapshot(), rx.unusableW1().snapshot(), cfg.name() + " unusable W1");
            assertEquals(ry.unusableW2().snapshot(), rx.unusableW2().snapshot(), cfg.name() + " unusable W2");
            assertEquals(ry.cutRows(), rx.cutRows(), cfg.name() + " cut rows");
        }
        assertTrue(VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(floats).intColumn("n_nan_w1").sum() > 0,
                "the hostile values are there to be counted");
        String des = floats.stringColumn("designation").get(0);
        LightCurve lf = LightCurve.of(floats, des, VariabilityConfig.standard().cuts());
        LightCurve ld = LightCurve.of(doubles, des, VariabilityConfig.standard().cuts());
        for (Band b : Band.values()) {
            assertArrayEquals(ld.points(b).mag(), lf.points(b).mag(), 0, b + " magnitudes");
            assertArrayEquals(ld.points(b).err(), lf.points(b).err(), 0, b + " errors");
            assertArrayEquals(ld.points(b).mjd(), lf.points(b).mjd(), 0, b + " times");
        }
    }

    @Test
    void unsortedInputGivesTheSameResult() {
        var sample = EpochSimulator.of(EpochConfig.defaults()).simulate(targets(50, "U"));
        Table grouped = sample.epochs();
        int[] perm = new java.util.Random(3).ints(0, grouped.rowCount()).distinct().limit(grouped.rowCount()).toArray();
        Table shuffled = Table.create("shuffled");
        for (var c : grouped.columns()) {
            shuffled.addColumns(c.subset(perm)); // keeps the permuted order, unlike Table.rows
        }
        var a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        Table x = a.analyze(grouped);
        assertTrue(a.report().wasGrouped());
        var unusable = a.report().unusableW1().snapshot();
        Table y = a.analyze(shuffled).sortAscendingOn("designation");
        assertFalse(a.report().wasGrouped());
        assertEquals(unusable, a.report().unusableW1().snapshot(), "unusable W1 measurements by reason");
        Table xs = x.sortAscendingOn("designation");
        // the counts too: a source out of time order is sorted and gathered again, and must not count its cuts twice
        assertTrue(xs.intColumn("n_cut_qual_frame").sum() > 0, "the sample has cut exposures to count");
        for (String col : List.of("n_w1", "flag", "n_rows", "n_cut_qual_frame", "n_cut_qi_fact", "n_cut_saa_sep",
                "n_cut_moon_masked", "n_cut_cc_flags", "n_nan_w1", "n_nan_w2", "n_visits")) {
            assertEquals(xs.column(col).asList(), y.column(col).asList(), col);
        }
        for (String col : List.of("mean_w1", "chi2_w2", "trend_w1_mag_yr", "stetson_j", "eta_w1")) {
            double[] u = xs.doubleColumn(col).asDoubleArray(), v = y.doubleColumn(col).asDoubleArray();
            assertArrayEquals(u, v, 1e-9, col);
        }
    }

    @Test
    void visitBinningAveragesInFlux() {
        // two visits; the first has two different magnitudes and errors, so a flux mean and a magnitude mean differ
        double[] m = {14.0, 15.0, 14.5, 14.5}, sig = {0.1, 0.15, 0.1, 0.1};
        Table e = Table.create("e", StringColumn.create("designation", new String[] {"A", "A", "A", "A"}),
                DoubleColumn.create("mjd", new double[] {57100, 57100.5, 57300, 57300.5}),
                DoubleColumn.create("w1mpro", m), DoubleColumn.create("w1sigmpro", sig),
                DoubleColumn.create("w2mpro", new double[] {13, 13, 13, 13}),
                DoubleColumn.create("w2sigmpro", new double[] {0.1, 0.1, 0.1, 0.1}));
        var std = VariabilityConfig.standard();
        var cfg = std.withStatistics(std.statistics().withMinEpochs(2).withBinVisits(true))
                .withClassification(std.classification().withMinBaselineYears(0));
        Table t = VariabilityAnalyzer.of(cfg).analyze(e);
        assertEquals(2, t.intColumn("n_w1").get(0));
        assertEquals(2, t.intColumn("n_visits").get(0));
        // by hand: fluxes f = 10^(-0.4 m), σ_f = f σ ln10 / 2.5, inverse-variance weighted mean, back to magnitudes
        double[] v1 = fluxMean(m[0], sig[0], m[1], sig[1]), v2 = fluxMean(m[2], sig[2], m[3], sig[3]);
        LightCurve.Points visits = LightCurve.of(e, "A").w1().visits(50);
        assertEquals(v1[0], visits.mag()[0], 1e-12, "visit 1 magnitude: the flux mean, not the magnitude mean");
        assertEquals(v1[1], visits.err()[0], 1e-12, "visit 1 error");
        assertEquals(v2[0], visits.mag()[1], 1e-12);
        assertTrue(Math.abs(v1[0] - (m[0] + m[1]) / 2) > 0.05, "the test tells the two means apart");
        // the analyzer's statistics use those visit values: weighted mean and sample RMS of the two visits
        double w1 = 1 / (v1[1] * v1[1]), w2 = 1 / (v2[1] * v2[1]);
        assertEquals((w1 * v1[0] + w2 * v2[0]) / (w1 + w2), t.doubleColumn("mean_w1").get(0), 1e-9);
        assertEquals(Math.abs(v1[0] - v2[0]) / Math.sqrt(2), t.doubleColumn("rms_w1").get(0), 1e-9);
    }

    /** {magnitude, error} of the inverse-variance weighted flux mean of two measurements, computed by hand. */
    private static double[] fluxMean(double ma, double sa, double mb, double sb) {
        double k = Math.log(10) / 2.5;
        double fa = Math.pow(10, -0.4 * ma), fb = Math.pow(10, -0.4 * mb);
        double wa = 1 / Math.pow(fa * sa * k, 2), wb = 1 / Math.pow(fb * sb * k, 2);
        double f = (wa * fa + wb * fb) / (wa + wb);
        return new double[] {-2.5 * Math.log10(f), Math.sqrt(1 / (wa + wb)) / f / k};
    }
}
