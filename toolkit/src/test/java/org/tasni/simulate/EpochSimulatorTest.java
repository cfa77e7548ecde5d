package org.tasni.simulate;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import org.tasni.io.TableAssert;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class EpochSimulatorTest {

    static Table targets(int n) {
        String[] d = new String[n];
        double[] ra = new double[n], dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = (i * 7.3) % 360;
            dec[i] = -60 + (i * 3.1) % 120;
            d[i] = SkySimulator.designation(ra[i], dec[i]);
        }
        return Table.create("targets", StringColumn.create("designation", d), DoubleColumn.create("ra", ra),
                DoubleColumn.create("dec", dec));
    }

    @Test
    void cadenceMatchesNeowise() {
        var s = EpochSimulator.of(EpochConfig.defaults()).simulate(targets(200));
        Table e = s.epochs();
        assertEquals(200, e.stringColumn("designation").countUnique());
        String prev = null;
        double last = 0, first = 0;
        int visits = 0, sources = 0, totalVisits = 0;
        double[] mjd = e.doubleColumn("mjd").asDoubleArray();
        for (int i = 0; i <= e.rowCount(); i++) {
            String d = i < e.rowCount() ? e.stringColumn("designation").get(i) : null;
            if (!java.util.Objects.equals(d, prev)) {
                if (prev != null) {
                    double baseline = (last - first) / 365.25;
                    assertTrue(baseline > 9.5 && baseline < 10.7, "baseline " + baseline);
                    assertTrue(visits >= 19 && visits <= 22, "visits " + visits);
                    totalVisits += visits;
                    sources++;
                }
                if (d == null) {
                    break;
                }
                prev = d;
                first = mjd[i];
                visits = 1;
            } else {
                assertTrue(mjd[i] >= mjd[i - 1], "sorted within a source");
                double gap = mjd[i] - mjd[i - 1];
                if (gap > 50) {
                    visits++;
                    assertEquals(182.6, gap, 8, "gap between visits");
                } else {
                    assertTrue(gap <= 1.0, "exposures of a visit lie within a day");
                }
            }
            last = mjd[i];
        }
        assertEquals(200, sources);
        assertEquals(12, e.rowCount() / (double) totalVisits, 0.5, "exposures per visit");
        assertTrue(e.doubleColumn("mjd").min() >= 56658 && e.doubleColumn("mjd").max() <= 60524);
    }

    @Test
    void qualityColumnsAndNaNsAreLikeTheRealData() {
        Table e = EpochSimulator.of(EpochConfig.defaults()).simulate(targets(300)).epochs();
        int n = e.rowCount();
        assertEquals(0.046, e.shortColumn("qual_frame").isEqualTo(0).size() / (double) n, 0.01);
        assertEquals(0.225, e.shortColumn("qual_frame").isEqualTo(5).size() / (double) n, 0.01);
        assertTrue(e.floatColumn("w1mpro").countMissing() > 0 && e.floatColumn("w2mpro").countMissing() > 0);
        assertTrue(e.floatColumn("w1sigmpro").countMissing() > e.floatColumn("w1mpro").countMissing());
        assertTrue(e.floatColumn("saa_sep").isLessThanOrEqualTo(0).size() > 0);
        assertTrue(e.stringColumn("moon_masked").isNotEqualTo("00").size() > 0);
        assertTrue(e.stringColumn("cc_flags").isNotEqualTo("0000").size() > 0);
        assertEquals(java.util.List.of("designation", "ra", "dec", "mjd", "w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro",
                "qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags", "nb", "na"), e.columnNames());
    }

    @Test
    void injectedTrendsAreInTheData() {
        // textbook OLS slope of W1 against time in years, per fading source, compared with the truth
        var s = EpochSimulator.of(EpochConfig.defaults().onlyClass(LightCurveClass.FADING)).simulate(targets(60));
        Table e = s.epochs();
        Map<String, double[]> sums = new HashMap<>(); // n, Σx, Σy, Σxx, Σxy
        for (int i = 0; i < e.rowCount(); i++) {
            double y = e.floatColumn("w1mpro").getDouble(i);
            if (Double.isNaN(y) || e.shortColumn("qual_frame").get(i) == 0) {
                continue;
            }
            double x = e.doubleColumn("mjd").get(i) / 365.25;
            double[] a = sums.computeIfAbsent(e.stringColumn("designation").get(i), k -> new double[5]);
            a[0]++;
            a[1] += x;
            a[2] += y;
            a[3] += x * x;
            a[4] += x * y;
        }
        Table truth = s.truth();
        int close = 0;
        for (int k = 0; k < truth.rowCount(); k++) {
            assertEquals("FADING", truth.stringColumn("true_class").get(k));
            double[] a = sums.get(truth.stringColumn("designation").get(k));
            double slope = (a[0] * a[4] - a[1] * a[2]) / (a[0] * a[3] - a[1] * a[1]);
            double want = truth.doubleColumn("true_trend_w1_mag_yr").get(k);
            assertTrue(want >= 0.01 && want <= 0.15);
            if (Math.abs(slope - want) < 0.01) {
                close++;
            }
        }
        assertTrue(close >= 50, close + " of 60 slopes within 0.01 mag/yr of the truth");
    }

    @Test
    void deterministicPerDesignation() {
        Table t = targets(20);
        var a = EpochSimulator.of(EpochConfig.defaults()).simulate(t);
        var b = EpochSimulator.of(EpochConfig.defaults()).simulate(t);
        TableAssert.assertSameTable(a.epochs(), b.epochs());
        // a light curve does not depend on the other targets
        var one = EpochSimulator.of(EpochConfig.defaults()).simulate(t.rows(5));
        Table five = a.epochs().where(a.epochs().stringColumn("designation").isEqualTo(t.stringColumn("designation").get(5)));
        TableAssert.assertSameTable(five.setName(one.epochs().name()), one.epochs());
    }

    @Test
    void classesFollowTheFractions() {
        Table truth = EpochSimulator.of(EpochConfig.defaults()).simulate(targets(2000)).truth();
        assertEquals(0.55, truth.stringColumn("true_class").isEqualTo("CONSTANT").size() / 2000.0, 0.04);
        assertEquals(0.12, truth.stringColumn("true_class").isEqualTo("PERIODIC").size() / 2000.0, 0.03);
        assertEquals(0.06, truth.stringColumn("true_class").isEqualTo("BRIGHTENING").size() / 2000.0, 0.02);
    }

    @Test
    void badConfigurationAndTargetsAreClearErrors() {
        assertThrows(TasniException.class, () -> new EpochConfig(1, 10, 5, 182.6, 12, 1, new double[] {1, 0, 0, 0, 0}, 0.01, 0.1));
        assertThrows(TasniException.class, () -> new EpochConfig(1, 0, 5, 182.6, 12, 1, new double[] {0.5, 0, 0, 0, 0}, 0.01, 0.1));
        Table noDec = targets(3).removeColumns("dec");
        var e = assertThrows(TasniException.class, () -> EpochSimulator.of(EpochConfig.defaults()).simulate(noDec));
        assertTrue(e.getMessage().startsWith("targets: no column 'dec'"), e.getMessage());
        assertThrows(TasniException.class, () -> SkyConfig.defaults().withDensityScale(Double.NaN));
    }
}
