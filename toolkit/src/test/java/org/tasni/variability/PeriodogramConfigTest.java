package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/** Grid settings at their edges: one frequency, and values no grid can use, refused by name before anything runs. */
class PeriodogramConfigTest {

    /** Ten visits of a 37.3-day sinusoid in both bands. */
    static Table epochs() {
        var r = new VariabilityHostileInputTest.Rows();
        PeriodogramHostileInputTest.curve(r, "A", 10, 3, 0.02, new double[] {0.3, 37.3}, new double[] {0.2, 37.3});
        return r.table();
    }

    /** A grid of one frequency is fMin alone (numpy's linspace(fMin, fMax, 1)); it had an infinite step and no power. */
    @Test
    void oneFrequencyIsTheLowestFrequencyAlone() {
        Table e = epochs();
        var range = PeriodogramConfig.standard().withFrequencyRange(1 / 37.4, 1 / 37.2);
        Table one = Periodogram.of(range.withNFrequencies(1)).run(e);
        // the power at fMin, from a grid of two whose first frequency it is
        double atFMin = Periodogram.of(range.withNFrequencies(2)).spectrum(e, "A", "w1").doubleColumn("power").getDouble(0);
        assertTrue(atFMin > 0.5, "power at fMin " + atFMin);
        assertEquals(atFMin, one.doubleColumn("w1_best_power").getDouble(0), 1e-12);
        assertEquals(37.4, one.doubleColumn("w1_best_period").getDouble(0), 1e-9);
        assertEquals("", one.stringColumn("w1_note").get(0));
        double fap = one.doubleColumn("w1_fap").getDouble(0);
        assertTrue(fap >= 0 && fap < 0.01, "fap " + fap);
        Table s = Periodogram.of(range.withNFrequencies(1)).spectrum(e, "A", "w1");
        assertEquals(1, s.rowCount());
        assertEquals(1 / 37.4, s.doubleColumn("frequency_per_day").getDouble(0), 0.0);
        assertEquals(atFMin, s.doubleColumn("power").getDouble(0), 1e-12);
        // the power of a FAP of 1% is a power, not NaN
        assertTrue(Periodogram.of(range.withNFrequencies(1)).powerAtFap(e, "A", "w1", 0.01) > 0);
    }

    private static void refused(String option, Supplier<PeriodogramConfig> config) {
        TasniException x = assertThrows(TasniException.class, config::get, option);
        assertTrue(x.getMessage().contains(option), x.getMessage());
    }

    /**
     * A NaN Nyquist factor had run the standard grid under the name astropy-auto; an infinite samples per peak had been
     * refused as "-9,223,372,036,854,776,000 frequencies"; an infinite fMax as a grid too large. Each is now refused
     * by the option's name.
     */
    @Test
    void nonFiniteAndNegativeSettingsAreRefusedByName() {
        var s = PeriodogramConfig.standard();
        refused("nyquistFactor", () -> PeriodogramConfig.astropyAuto(5, Double.NaN));
        refused("nyquistFactor", () -> PeriodogramConfig.astropyAuto(5, 0));
        refused("nyquistFactor", () -> PeriodogramConfig.astropyAuto(5, Double.POSITIVE_INFINITY));
        refused("nyquistFactor", () -> s.withNyquistFactor(Double.NaN));
        refused("nyquistFactor", () -> s.withNyquistFactor(-1));
        refused("samplesPerPeak", () -> PeriodogramConfig.astropyAuto(Double.POSITIVE_INFINITY, 5));
        refused("samplesPerPeak", () -> s.withSamplesPerPeak(Double.NaN));
        refused("samplesPerPeak", () -> s.withSamplesPerPeak(0));
        refused("fMax", () -> s.withFrequencyRange(0.001, Double.POSITIVE_INFINITY));
        refused("fMax", () -> s.withFrequencyRange(0.001, Double.NaN));
        refused("fMax", () -> s.withFrequencyRange(0.01, 0.001));
        refused("fMin", () -> s.withFrequencyRange(Double.NaN, 2));
        refused("fMin", () -> s.withFrequencyRange(0, 2));
        refused("fMin", () -> s.withFrequencyRange(Double.NEGATIVE_INFINITY, 2));
        refused("nFrequencies", () -> s.withNFrequencies(-1));
        // astropy-auto with a positive finite factor is its own grid, not the standard one
        assertNotEquals(Periodogram.of(s).spectrum(epochs(), "A", "w1").rowCount(),
                Periodogram.of(PeriodogramConfig.astropyAuto(5, 5)).spectrum(epochs(), "A", "w1").rowCount());
    }

    /** A grid beyond the limit is said with a count a reader can take in, never negative nor 300 digits long. */
    @Test
    void anAbsurdGridIsRefusedWithASaneCount() {
        Table e = epochs();
        for (var c : new PeriodogramConfig[] {PeriodogramConfig.standard().withSamplesPerPeak(1e300),
            PeriodogramConfig.astropyAuto(1e300, 5), PeriodogramConfig.astropyAuto(1e308, 5)}) {
            TasniException x = assertThrows(TasniException.class, () -> Periodogram.of(c).run(e));
            String m = x.getMessage();
            assertTrue(m.contains("limit of 5,000,000"), m);
            assertFalse(m.matches("(?s).*[0-9,]{25}.*"), m);
            assertFalse(m.contains("-9,"), m);
            assertTrue(m.contains("e+30") || m.contains("infinitely many"), m);
        }
        assertEquals("6.94e+303", PeriodSearch.count(6.94e303));
        assertEquals("4,999,999", PeriodSearch.count(4_999_999));
        assertEquals("infinitely many", PeriodSearch.count(Double.POSITIVE_INFINITY));
    }
}
