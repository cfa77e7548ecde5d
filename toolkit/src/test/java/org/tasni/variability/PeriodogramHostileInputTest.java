package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.io.DropReason;
import org.tasni.io.TableAssert;
import tech.tablesaw.api.Table;

/** Degenerate and absurd light curves: no period out of nothing, values in range, bounded grids, progress. */
class PeriodogramHostileInputTest {

    /**
     * A NEOWISE-like light curve: {@code visits} visits of 12 exposures every 182.6 d, magnitudes
     * {@code 14 + Σ a_i sin(2π t / P_i)} plus noise of σ (none when σ is 0), per band.
     */
    static void curve(VariabilityHostileInputTest.Rows r, String id, int visits, long seed, double sigma, double[] w1,
            double[] w2) {
        var rnd = new SplittableRandom(seed);
        for (int v = 0; v < visits; v++) {
            for (int x = 0; x < 12; x++) {
                double t = 56700 + v * 182.6 + x * 0.08 + rnd.nextDouble(0, 0.02);
                r.add(id, t, 14 + wave(t, w1) + sigma * KernelsTest.gauss(rnd), sigma > 0 ? sigma : 0.05,
                        13.5 + wave(t, w2) + sigma * KernelsTest.gauss(rnd), sigma > 0 ? sigma : 0.05);
            }
        }
    }

    /** {amplitude, period, amplitude, period, …} summed at t. */
    static double wave(double t, double[] ap) {
        double y = 0;
        for (int i = 0; i < ap.length; i += 2) {
            y += ap[i] * Math.sin(2 * Math.PI * t / ap[i + 1]);
        }
        return y;
    }

    /** Densely sampled: one point every ~0.37 d for 400 days, so periods of days are found without cadence aliases. */
    static void dense(VariabilityHostileInputTest.Rows r, String id, long seed, double[] w1, double[] w2) {
        var rnd = new SplittableRandom(seed);
        for (double t = 57000; t < 57400; t += 0.3 + rnd.nextDouble(0, 0.15)) {
            r.add(id, t, 14 + wave(t, w1) + 0.01 * KernelsTest.gauss(rnd), 0.01, 13.5 + wave(t, w2) + 0.01 * KernelsTest.gauss(rnd),
                    0.01);
        }
    }

    /**
     * One source's views (its spectrum, its light curve) read only its rows (its run when the table is grouped by
     * source), and give what they gave from the whole table: the same points, powers and trend to the bit, whether the
     * source is first, in the middle, last, or spread through the table; an integer id column works as in the
     * variability table; messages name the file's rows; a missing, empty or wholly unusable source is refused.
     */
    @Test
    void oneSourcesViewsReadItsRowsAndGiveWhatTheWholeTableGives() {
        var r = new VariabilityHostileInputTest.Rows();
        String[] ids = {"A", "B", "C"};
        for (int s = 0; s < ids.length; s++) {
            curve(r, ids[s], 8, 40 + s, 0.05, new double[] {0.2, 9.3 + s}, new double[] {0.1, 30});
        }
        Table grouped = r.table();
        // the same rows interleaved (row i of source s at 3i + s): every source spread through the table. (Tablesaw's
        // rows(int...) keeps the table's order, so the interleaved table is made row by row.)
        int n = grouped.rowCount() / 3;
        Table spread = interleaved(r, n);
        Periodogram p = Periodogram.of(PeriodogramConfig.standard());
        for (String id : ids) {
            Table one = grouped.where(grouped.stringColumn("designation").isEqualTo(id));
            double[] alone = p.spectrum(one, id, "w1").doubleColumn("power").asDoubleArray();
            for (Table t : List.of(grouped, spread)) {
                assertArrayEquals(alone, p.spectrum(t, id, "w1").doubleColumn("power").asDoubleArray(), 0.0, id);
                LightCurve.Points a = LightCurve.of(one, id).w2(), b = LightCurve.of(t, id).w2();
                assertArrayEquals(a.mjd(), b.mjd(), 0.0, id);
                assertArrayEquals(a.mag(), b.mag(), 0.0, id);
                assertEquals(a.trend(), b.trend(), id);
            }
        }

        // an integer id column (a cntr): the variability table takes one, and so do the views
        Table numbered = grouped.copy();
        long[] cntr = new long[numbered.rowCount()];
        for (int i = 0; i < cntr.length; i++) {
            cntr[i] = 9_000_000_000_000_000_000L + i / n;
        }
        numbered.replaceColumn("designation", tech.tablesaw.api.LongColumn.create("designation", cntr));
        String b = Long.toString(9_000_000_000_000_000_001L);
        assertArrayEquals(LightCurve.of(grouped, "B").w1().mag(), LightCurve.of(numbered, b).w1().mag(), 0.0);
        assertThrows(TasniException.class, () -> LightCurve.of(numbered, "0" + b), "an id is written as the column holds it");

        // B's times in JD: refused as B's (the file's other times are good), at B's first row in the file (1-based)
        Table jd = grouped.copy();
        for (int i = n; i < 2 * n; i++) {
            jd.doubleColumn("mjd").set(i, jd.doubleColumn("mjd").getDouble(i) + 2_400_000.5);
        }
        TasniException e = assertThrows(TasniException.class, () -> p.spectrum(jd, "B", "w1"));
        assertTrue(e.getMessage().contains("no epoch of B has a usable mjd"), e.getMessage());
        assertTrue(e.getMessage().contains("data row " + (n + 1) + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("is it a JD"), e.getMessage());
        // the same with B's rows spread through the table: the same words, at B's first row there (the second)
        var jdRows = new VariabilityHostileInputTest.Rows();
        for (int i = 0; i < jd.rowCount(); i++) {
            jdRows.add(r.id.get(i), jd.doubleColumn("mjd").getDouble(i), r.v.get(i)[1], r.v.get(i)[2], r.v.get(i)[3],
                    r.v.get(i)[4]);
        }
        Table jdSpread = interleaved(jdRows, n);
        e = assertThrows(TasniException.class, () -> p.spectrum(jdSpread, "B", "w1"));
        assertTrue(e.getMessage().contains("no epoch of B has a usable mjd"), e.getMessage());
        assertTrue(e.getMessage().contains("data row 2:"), e.getMessage());
        // the whole file's times in JD: the file's refusal, at its first row
        Table allJd = grouped.copy();
        for (int i = 0; i < allJd.rowCount(); i++) {
            allJd.doubleColumn("mjd").set(i, allJd.doubleColumn("mjd").getDouble(i) + 2_400_000.5);
        }
        e = assertThrows(TasniException.class, () -> LightCurve.of(allJd, "B"));
        assertTrue(e.getMessage().contains("column 'mjd' has no value") && e.getMessage().contains("data row 1:"),
                e.getMessage());
        // a stray text in B's times: the file's row, not the row within B's run
        Table stray = grouped.copy();
        String[] text = new String[stray.rowCount()];
        for (int i = 0; i < text.length; i++) {
            text[i] = Double.toString(grouped.doubleColumn("mjd").getDouble(i));
        }
        text[n + 4] = "abc";
        stray.replaceColumn("mjd", tech.tablesaw.api.StringColumn.create("mjd", text));
        e = assertThrows(TasniException.class, () -> p.spectrum(stray, "B", "w1"));
        assertTrue(e.getMessage().contains("row " + (n + 5) + " "), e.getMessage());
        // every time of C not finite: no usable epoch, said so (LightCurve.of threw ArrayIndexOutOfBoundsException)
        Table nan = grouped.copy();
        for (int i = 2 * n; i < 3 * n; i++) {
            nan.doubleColumn("mjd").set(i, Double.NaN);
        }
        e = assertThrows(TasniException.class, () -> LightCurve.of(nan, "C"));
        assertTrue(e.getMessage().contains("no epoch of C has a usable mjd"), e.getMessage());
        e = assertThrows(TasniException.class, () -> p.spectrum(grouped, "D", "w1"));
        assertTrue(e.getMessage().contains("no epochs for D"), e.getMessage());
        // an empty id names no source (it would have matched the rows whose id is missing, which are dropped)
        e = assertThrows(TasniException.class, () -> LightCurve.of(grouped, " "));
        assertTrue(e.getMessage().contains("no source id given"), e.getMessage());
    }

    /** The rows of three sources of n rows each, grouped in {@code r}, interleaved: row i of source s at 3i + s. */
    private static Table interleaved(VariabilityHostileInputTest.Rows r, int n) {
        var out = new VariabilityHostileInputTest.Rows();
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < 3; s++) {
                double[] v = r.v.get(s * n + i);
                out.add(r.id.get(s * n + i), v[0], v[1], v[2], v[3], v[4]);
            }
        }
        Table t = out.table();
        assertNotEquals(t.stringColumn("designation").get(0), t.stringColumn("designation").get(1), "interleaved");
        return t;
    }

    @Test
    void anAbsurdMjdIsDroppedNotAGiantGrid() {
        var good = new VariabilityHostileInputTest.Rows();
        curve(good, "A", 10, 1, 0.02, new double[] {0.3, 3.7}, new double[] {0.3, 3.7});
        var bad = new VariabilityHostileInputTest.Rows();
        curve(bad, "A", 10, 1, 0.02, new double[] {0.3, 3.7}, new double[] {0.3, 3.7});
        bad.add("A", 1e12, 14, 0.02, 14, 0.02).add("A", Double.NaN, 14, 0.02, 14, 0.02);
        Periodogram p = Periodogram.of(PeriodogramConfig.standard());
        Table want = p.run(good.table());
        Table got = p.run(bad.table());
        assertEquals(Map.of(DropReason.MJD_OUT_OF_RANGE, 1L, DropReason.NONFINITE_MJD, 1L), p.report().dropped().snapshot());
        TableAssert.assertSameTable(want, got);
    }

    @Test
    void noInputAndNoSettingAllocatesAnUnboundedGrid() {
        var r = new VariabilityHostileInputTest.Rows();
        curve(r, "J1", 20, 2, 0.02, new double[] {0.2, 5.1}, new double[] {0.2, 5.1});
        Table t = r.table();
        // astropy's autofrequency grows with n / T: a huge Nyquist factor asks for billions of frequencies
        TasniException e = assertThrows(TasniException.class,
                () -> Periodogram.of(PeriodogramConfig.astropyAuto(5, 1e7)).run(t));
        assertTrue(e.getMessage().contains("J1 w1") && e.getMessage().contains("limit of 5,000,000"), e.getMessage());
        var dense = PeriodogramConfig.standard().withName("dense").withSamplesPerPeak(1e5);
        assertThrows(TasniException.class, () -> Periodogram.of(dense).run(t));
        assertThrows(TasniException.class, () -> Periodogram.of(dense).spectrum(t, "J1", "w1"));
        assertThrows(TasniException.class, () -> Periodogram.of(dense).powerAtFap(t, "J1", "w1", 0.01));
        assertThrows(TasniException.class,
                () -> PeriodogramConfig.standard().withNFrequencies(PeriodogramConfig.MAX_FREQUENCIES + 1));
        assertThrows(TasniException.class, () -> Periodogram.of(PeriodogramConfig.standard()).threads(0));
    }

    @Test
    void degenerateBandsGiveNaNAndSayWhy() {
        var r = new VariabilityHostileInputTest.Rows();
        // a constant light curve in both bands (magnitudes a float would hold: no exact decimal)
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 12; x++) {
                r.add("CONST", 56700 + v * 182.6 + x * 0.1, (float) 15.123, 0.05, (float) 14.77, 0.05);
            }
        }
        // one visit of 12 exposures, variable
        for (int x = 0; x < 12; x++) {
            r.add("ONEVISIT", 57000 + x * 0.08, 14 + 0.3 * Math.sin(x), 0.02, 14 + 0.3 * Math.sin(x), 0.02);
        }
        // W2 empty, W1 periodic
        var w1only = new VariabilityHostileInputTest.Rows();
        curve(w1only, "W1ONLY", 10, 3, 0.02, new double[] {0.3, 2.9}, new double[] {});
        for (int i = 0; i < w1only.v.size(); i++) {
            double[] v = w1only.v.get(i);
            r.add("W1ONLY", v[0], v[1], v[2], Double.NaN, v[4]);
        }
        // five points over three visits
        for (int x = 0; x < 5; x++) {
            r.add("FEW", 57000 + x * 182.6, 14 + 0.1 * x, 0.02, 14 + 0.1 * x, 0.02);
        }
        Periodogram p = Periodogram.of(PeriodogramConfig.standard());
        Table t = p.run(r.table());
        assertEquals(List.of("CONST", "ONEVISIT", "W1ONLY", "FEW"), t.stringColumn("designation").asList());
        assertEquals(List.of("constant light curve", "one visit", "", "fewer than 10 usable points (5)"),
                t.stringColumn("w1_note").asList());
        assertEquals(List.of("constant light curve", "one visit", "no usable points", "fewer than 10 usable points (5)"),
                t.stringColumn("w2_note").asList());
        for (String b : List.of("w1", "w2")) {
            for (int i = 0; i < t.rowCount(); i++) {
                boolean none = !t.stringColumn(b + "_note").get(i).isEmpty();
                for (String c : List.of("_best_period", "_best_power", "_fap", "_second_period")) {
                    if (none) {
                        assertTrue(Double.isNaN(t.doubleColumn(b + c).getDouble(i)), b + c + " row " + i);
                    }
                }
                if (none) {
                    assertFalse(t.booleanColumn(b + "_is_periodic").get(i));
                }
            }
        }
        assertTrue(t.doubleColumn("w1_best_power").getDouble(2) > 0.5, "W1ONLY's W1 is still analysed");
        assertEquals(Map.of("w1_constant light curve", 1L, "w1_fewer than 10 usable points", 1L, "w1_one visit", 1L,
                "w2_constant light curve", 1L, "w2_fewer than 10 usable points", 1L, "w2_no usable points", 1L,
                "w2_one visit", 1L), p.report().noPeriod());
        // the spectrum of a constant light curve has no power to plot
        Table s = p.spectrum(r.table(), "CONST", "w1");
        assertEquals(s.rowCount(), s.doubleColumn("power").countMissing());
        // the legacy preset has the reference's columns only: the same NaNs, the reasons in its report
        Periodogram legacy = Periodogram.of(PeriodogramConfig.tasniLegacy());
        Table l = legacy.run(r.table());
        assertTrue(Double.isNaN(l.doubleColumn("w1_best_power").getDouble(0)));
        assertEquals(p.report().noPeriod(), legacy.report().noPeriod());
    }

    @Test
    void powersAndFapsStayWithinZeroAndOne() {
        var r = new VariabilityHostileInputTest.Rows();
        // pure noise, a strong sinusoid with tiny errors, and a variance at the limit of rounding
        curve(r, "NOISE", 12, 4, 0.05, new double[] {}, new double[] {});
        curve(r, "STRONG", 12, 5, 0, new double[] {0.5, 1.37}, new double[] {0.5, 1.37});
        curve(r, "TINY", 12, 6, 0, new double[] {1e-7, 2.3}, new double[] {1e-12, 2.3});
        for (PeriodogramConfig cfg : List.of(PeriodogramConfig.standard(), PeriodogramConfig.tasniLegacy(),
                PeriodogramConfig.astropyAuto(5, 5))) {
            Table t = Periodogram.of(cfg).run(r.table());
            for (String c : List.of("w1_best_power", "w1_fap", "w2_best_power", "w2_fap")) {
                for (double v : t.doubleColumn(c).asDoubleArray()) {
                    assertTrue(Double.isNaN(v) || (v >= 0 && v <= 1), cfg.name() + " " + c + " = " + v);
                }
            }
            // the noiseless sinusoid is found; the 1e-12 mag wiggle is a constant curve
            // (astropy-auto's grid stops near 0.16 d⁻¹, below the sinusoid's 0.73)
            assertTrue(cfg.name().equals("astropy-auto") || t.doubleColumn("w1_best_power").getDouble(1) > 0.5, cfg.name());
            assertTrue(Double.isNaN(t.doubleColumn("w2_best_power").getDouble(2)), cfg.name());
            assertFalse(Double.isNaN(t.doubleColumn("w1_best_power").getDouble(2)), "1e-7 mag is still a light curve");
        }
        Table s = Periodogram.of(PeriodogramConfig.standard()).spectrum(r.table(), "NOISE", "w1");
        for (double v : s.doubleColumn("power").asDoubleArray()) {
            assertTrue(v >= 0 && v <= 1, "power " + v);
        }
    }

    /** Each column of a periodic source against an independent computation. */
    @Test
    void everyColumnAgreesWithAnIndependentComputation() {
        var r = new VariabilityHostileInputTest.Rows();
        curve(r, "P", 12, 7, 0.03, new double[] {0.15, 0.7345}, new double[] {0.15, 0.7345});
        Table in = r.table();
        Periodogram p = Periodogram.of(PeriodogramConfig.standard());
        Table t = p.run(in);
        LightCurve.Points b = LightCurve.of(in, "P").w1();
        double period = t.doubleColumn("w1_best_period").getDouble(0), power = t.doubleColumn("w1_best_power").getDouble(0);
        // best_power: the explained fraction of χ² of a least-squares sinusoid at that period
        assertEquals(KernelsTest.leastSquaresPower(b.mjd(), b.mag(), b.err(), 1 / period), power, 1e-6);
        // best_period: the maximum of the least-squares power over the grid, within one grid step of the reported
        double baseline = b.mjd()[b.size() - 1] - b.mjd()[0], df = 1 / (5 * baseline);
        double bestF = 0, bestP = -1;
        for (double f = 0.001; f <= 2; f += df) {
            double q = KernelsTest.leastSquaresPower(b.mjd(), b.mag(), b.err(), f);
            if (q > bestP) {
                bestP = q;
                bestF = f;
            }
        }
        assertEquals(bestF, 1 / period, 1.01 * df);
        // the injected frequency or one of its cadence aliases
        double k = Math.rint((1 / period - 1 / 0.7345) * 182.6);
        assertEquals(1 / 0.7345 + k / 182.6, 1 / period, 2 * df);
        // fap: Baluev (2008) eq. as written in astropy's _statistics.fap_baluev, standard normalisation, fmax = 2 d⁻¹
        double fMax = 0.001 + df * Math.floor((2 - 0.001) / df);
        assertEquals(baluev(power, fMax, b.mjd(), b.err()), t.doubleColumn("w1_fap").getDouble(0), 1e-9);
        assertEquals(t.doubleColumn("w1_fap").getDouble(0) < 0.01, t.booleanColumn("w1_is_periodic").get(0));
        // n_epochs: the input rows of the source
        assertEquals(in.rowCount(), t.intColumn("n_epochs").get(0));
        // alias: the best frequency within 1/T of k/182.6 d⁻¹, k = 1…4
        boolean alias = false;
        for (int h = 1; h <= 4; h++) {
            alias |= Math.abs(1 / period - h / 182.6) < 1 / baseline;
        }
        assertEquals(alias, t.booleanColumn("w1_alias").get(0));
    }

    /** FAP = 1 − (1 − (1 − z)^{(n−3)/2}) e^{−τ}, τ = γ(n−1) W (1 − z)^{(n−4)/2} √((n−1) z / 2), W = fmax √(4π Var_w t). */
    static double baluev(double z, double fMax, double[] t, double[] dy) {
        int n = t.length;
        double sw = 0, mt = 0;
        for (int i = 0; i < n; i++) {
            sw += 1 / (dy[i] * dy[i]);
            mt += t[i] / (dy[i] * dy[i]);
        }
        mt /= sw;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (t[i] - mt) * (t[i] - mt) / (dy[i] * dy[i]) / sw;
        }
        double nh = n - 1, nk = n - 3;
        double gamma = Math.sqrt(2 / nh) * Math.exp(Gamma.logGamma(nh / 2) - Gamma.logGamma((nh - 1) / 2));
        double tau = gamma * fMax * Math.sqrt(4 * Math.PI * var) * Math.pow(1 - z, (nk - 1) / 2) * Math.sqrt(nh * z / 2);
        return 1 - (1 - Math.pow(1 - z, nk / 2)) * Math.exp(-tau);
    }

    @Test
    void secondPeriodIsTheOtherSinusoid() {
        var r = new VariabilityHostileInputTest.Rows();
        dense(r, "TWO", 9, new double[] {0.3, 3.7, 0.2, 11.3}, new double[] {0.3, 3.7});
        Table t = Periodogram.of(PeriodogramConfig.standard()).run(r.table());
        assertEquals(3.7, t.doubleColumn("w1_best_period").getDouble(0), 0.02);
        assertEquals(11.3, t.doubleColumn("w1_second_period").getDouble(0), 0.2, "the weaker sinusoid");
        // W2 has one sinusoid: its second peak is below 0.3 × the best
        assertTrue(Double.isNaN(t.doubleColumn("w2_second_period").getDouble(0)), "" + t.doubleColumn("w2_second_period").getDouble(0));
    }

    @Test
    void consistentPeriodMeansWithinTenPercent() {
        var r = new VariabilityHostileInputTest.Rows();
        dense(r, "SAME", 10, new double[] {0.3, 5.0}, new double[] {0.3, 5.0});
        dense(r, "NEAR", 11, new double[] {0.3, 5.0}, new double[] {0.3, 5.4}); // w1/w2 = 0.926: consistent
        dense(r, "APART", 12, new double[] {0.3, 5.0}, new double[] {0.3, 5.6}); // 0.893: just outside
        dense(r, "FAR", 13, new double[] {0.3, 5.0}, new double[] {0.3, 4.5}); // 1.111: just outside
        dense(r, "NEAR2", 14, new double[] {0.3, 5.0}, new double[] {0.3, 4.6}); // 1.087: consistent
        Table t = Periodogram.of(PeriodogramConfig.standard()).run(r.table());
        for (int i = 0; i < 5; i++) {
            assertTrue(t.booleanColumn("w1_is_periodic").get(i) && t.booleanColumn("w2_is_periodic").get(i));
        }
        assertEquals(List.of(true, true, false, false, true), t.booleanColumn("consistent_period").asList(),
                t.doubleColumn("w1_best_period").asList() + " " + t.doubleColumn("w2_best_period").asList());
    }

    @Test
    void longWorkReportsItsProgressInFrequencies() {
        var r = new VariabilityHostileInputTest.Rows();
        curve(r, "A", 12, 9, 0.03, new double[] {0.2, 3.3}, new double[] {0.2, 3.3});
        curve(r, "B", 12, 10, 0.03, new double[] {0.2, 4.4}, new double[] {});
        for (int x = 0; x < 3; x++) {
            r.add("FEW", 57000 + x * 182.6, 14, 0.02, 14, 0.02);
        }
        List<long[]> seen = new ArrayList<>();
        boolean[] doneCalled = {false};
        Progress rec = new Progress() {
            @Override
            public void onStart(String task, long total) {
                seen.add(new long[] {-1, total});
            }

            @Override
            public synchronized void onProgress(long done) {
                seen.add(new long[] {done, 0});
            }

            @Override
            public void onDone() {
                doneCalled[0] = true;
            }
        };
        Periodogram p = Periodogram.of(PeriodogramConfig.standard()).progress(rec).threads(2);
        p.run(r.table());
        // the total: each analysed band's grid, computed independently of the periodogram's own grid code
        long total = 0;
        for (String id : List.of("A", "B")) {
            LightCurve lc = LightCurve.of(r.table(), id);
            for (LightCurve.Points b : List.of(lc.w1(), lc.w2())) {
                double baseline = b.mjd()[b.size() - 1] - b.mjd()[0];
                total += (long) Math.floor((2 - 0.001) * 5 * baseline) + 1;
            }
        }
        assertEquals(-1, seen.get(0)[0]);
        assertEquals(total, seen.get(0)[1]);
        for (int i = 2; i < seen.size(); i++) {
            assertTrue(seen.get(i)[0] > seen.get(i - 1)[0], "progress goes forward");
        }
        assertEquals(total, seen.get(seen.size() - 1)[0]);
        assertTrue(seen.size() > 3, "more than one report per light curve");
        assertTrue(doneCalled[0]);
    }

    @Test
    void anEmptyInputGivesAnEmptyResult() {
        Table empty = new VariabilityHostileInputTest.Rows().add("A", 57000, 14, 0.1, 14, 0.1).table().emptyCopy();
        Periodogram p = Periodogram.of(PeriodogramConfig.standard());
        Table t = p.run(empty);
        assertEquals(0, t.rowCount());
        assertEquals(0, p.report().sources());
        var r = new VariabilityHostileInputTest.Rows();
        curve(r, "A", 3, 1, 0.02, new double[] {}, new double[] {});
        assertEquals(p.run(r.table()).columnNames(), t.columnNames());
    }

    /** A band's period longer than its baseline is less than one cycle: NaN period, a note, not periodic. */
    @Test
    void aPeriodLongerThanTheBaselineIsATrendNotAPeriod() {
        var r = new VariabilityHostileInputTest.Rows();
        var rnd = new SplittableRandom(5);
        for (int v = 0; v < 20; v++) { // fading 0.1 mag/yr over 9.5 years, 12 exposures a visit
            for (int x = 0; x < 12; x++) {
                double t = 56700 + v * 182.6 + x * 0.08;
                double m = 14 + 0.1 * (t - 56700) / 365.25;
                r.add("T", t, m + 0.01 * KernelsTest.gauss(rnd), 0.01, m - 0.5 + 0.01 * KernelsTest.gauss(rnd), 0.01);
            }
        }
        Periodogram p = Periodogram.of(PeriodogramConfig.astropyAuto(5, 5));
        Table t = p.run(r.table());
        for (String b : new String[] {"w1_", "w2_"}) {
            assertTrue(Double.isNaN(t.doubleColumn(b + "best_period").getDouble(0)), b + t.doubleColumn(b + "best_period").getDouble(0));
            assertEquals(Periodogram.LONGER_THAN_BASELINE, t.stringColumn(b + "note").get(0));
            assertFalse(t.booleanColumn(b + "is_periodic").get(0));
        }
        assertFalse(t.booleanColumn("consistent_period").get(0));
        assertEquals(2L, p.report().noPeriod().get("w1_" + Periodogram.LONGER_THAN_BASELINE)
                + p.report().noPeriod().get("w2_" + Periodogram.LONGER_THAN_BASELINE));
    }

    /** The real epochs (astropy-auto found 28 of 200 bands "periodic" at 7,300–38,435 d on a 10.4-yr baseline). */
    @Test
    void onTheRealEpochsNoPeriodIsLongerThanItsBaseline() {
        java.nio.file.Path real = java.nio.file.Path.of("/work/shared/data/neowise_epochs.parquet");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(real), "skipped: " + real + " is absent");
        Table epochs = org.tasni.io.TableIO.read(real.toString());
        Table t = Periodogram.of(PeriodogramConfig.astropyAuto(5, 5)).run(epochs);
        int longer = 0;
        for (String b : new String[] {"w1_", "w2_"}) {
            for (int i = 0; i < t.rowCount(); i++) {
                double per = t.doubleColumn(b + "best_period").getDouble(i);
                assertFalse(per > 3900, b + t.stringColumn("designation").get(i) + " " + per); // 10.4-yr span
                if (Periodogram.LONGER_THAN_BASELINE.equals(t.stringColumn(b + "note").get(i))) {
                    longer++;
                    assertFalse(t.booleanColumn(b + "is_periodic").get(i));
                }
            }
        }
        assertTrue(longer >= 28, "bands longer than the baseline: " + longer);
    }

    /**
     * The sample's trends (true_class fading/brightening) peak at the 182.6-d cadence with tiny FAPs: flagged alias,
     * they are neither periodic nor consistent; the truly periodic sources keep theirs.
     */
    @Test
    void aCadenceAliasIsNotAPeriodOnTheSampleTruth() {
        Table epochs = org.tasni.io.TableIO.read("../data-samples/neowise_epochs.parquet");
        Table truth = org.tasni.io.TableIO.read("../data-samples/neowise_truth.parquet");
        Map<String, String> cls = new java.util.HashMap<>();
        for (int i = 0; i < truth.rowCount(); i++) {
            cls.put(truth.stringColumn("designation").get(i), truth.stringColumn("true_class").get(i));
        }
        Table t = Periodogram.of(PeriodogramConfig.standard()).run(epochs);
        int tpBefore = 0, fpBefore = 0, tpAfter = 0, fpAfter = 0, nPeriodic = 0, trendConsistent = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            String c = cls.get(t.stringColumn("designation").get(i)).toLowerCase();
            // a true period whose frequency lies within 1/T (T ≈ 10 yr) of a cadence harmonic k/182.6 d, k = 1…4, is
            // indistinguishable from the alias with this sampling: it is not counted as a periodic source to keep
            int row = truth.stringColumn("designation").indexOf(t.stringColumn("designation").get(i));
            double f = 1 / truth.numberColumn("true_period_d").getDouble(row);
            boolean atAlias = false;
            for (int k = 1; k <= 4; k++) {
                atAlias |= Math.abs(f - k / 182.6) < 1 / 3650.0;
            }
            boolean truePeriodic = c.equals("periodic") && !atAlias;
            nPeriodic += truePeriodic ? 1 : 0;
            boolean before = t.doubleColumn("w1_fap").getDouble(i) < 0.01 || t.doubleColumn("w2_fap").getDouble(i) < 0.01;
            boolean after = t.booleanColumn("w1_is_periodic").get(i) || t.booleanColumn("w2_is_periodic").get(i);
            tpBefore += before && truePeriodic ? 1 : 0;
            fpBefore += before && !truePeriodic ? 1 : 0;
            tpAfter += after && truePeriodic ? 1 : 0;
            fpAfter += after && !truePeriodic ? 1 : 0;
            for (String b : new String[] {"w1_", "w2_"}) {
                if (t.booleanColumn(b + "alias").get(i)) {
                    assertFalse(t.booleanColumn(b + "is_periodic").get(i), t.stringColumn("designation").get(i));
                }
            }
            if (c.equals("fading") || c.equals("brightening")) {
                boolean aliasW1 = t.booleanColumn("w1_alias").get(i), aliasW2 = t.booleanColumn("w2_alias").get(i);
                if (aliasW1 || aliasW2) {
                    assertFalse(t.booleanColumn("consistent_period").get(i), t.stringColumn("designation").get(i));
                }
                trendConsistent += t.booleanColumn("consistent_period").get(i) ? 1 : 0;
            }
        }
        System.out.printf("periodic sources (either band) vs truth: before TP=%d FP=%d, after TP=%d FP=%d of %d periodic%n",
                tpBefore, fpBefore, tpAfter, fpAfter, nPeriodic);
        assertEquals(0, trendConsistent, "trends with consistent_period");
        assertTrue(fpAfter < fpBefore, "false positives " + fpBefore + " -> " + fpAfter);
        assertEquals(tpBefore, tpAfter, "truly periodic sources lost");
    }
}
