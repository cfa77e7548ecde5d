package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tasni.variability.LombScargle.Grid;
import tech.tablesaw.api.Table;

/**
 * astropy's {@code autofrequency} on a tie: with 5 samples per peak and a Nyquist factor of 5, (f_max − f_min)/df is
 * 12.5·n − 0.5, an exact half for even n; numpy rounds it half to even, and for n ≡ 2 (mod 4) that is down, where
 * {@link Math#round} rounded up: one frequency more, a last frequency one df higher, a Baluev FAP ~4e-3 (relative)
 * off here (3e-4 on 8 of the 50 real bands).
 */
class LombScargleAutoGridTest {

    /** 22 exposures (11 visits of 2) whose quotient, in astropy's arithmetic, is exactly 274.5. */
    static final double[] T = {57061.39, 57061.52, 57241.27, 57241.4, 57332.23, 57332.36, 57572.52, 57572.65, 57632.77,
        57632.9, 57814.98, 57815.11, 57843.96, 57844.09, 57873.11, 57873.24, 57904.94, 57905.07, 57991.08, 57991.21,
        58170.8, 58170.93};
    /** A 97.3-day sinusoid of 0.2 mag, rounded to the mmag; every error 0.03. */
    static final double[] Y = {13.853, 13.874, 14.055, 14.043, 14.099, 14.077, 13.837, 13.852, 14.003, 14.02, 14.169,
        14.152, 13.811, 13.794, 13.94, 13.959, 14.204, 14.219, 14.209, 14.19, 14.023, 14.013};

    /*
     * The expected values, from astropy 5.2.1 (/usr/bin/python3):
     *
     *   import numpy as np
     *   from astropy.timeseries import LombScargle
     *   t = np.array([...T...]); y = np.array([...Y...]); dy = np.full(22, 0.03)
     *   ls = LombScargle(t, y, dy)
     *   f, p = ls.autopower(samples_per_peak=5, nyquist_factor=5, method='cython'); k = int(np.argmax(p))
     *   len(f), f[-1], f[1] - f[0], 1 / f[k], p[k]
     *       # 275 0.049479964670043404 0.00018025488040088674 98.18938053097352 0.9536421599311121
     *   ls.false_alarm_probability(p[k], method='baluev', samples_per_peak=5, nyquist_factor=5)
     *       # 1.734834024562234e-10   (with f_max one df higher, as Math.round gave: 1.7411462469685592e-10)
     *   fl = np.linspace(1/1000, 1/0.5, 10000); pl = ls.power(fl, method='cython'); kl = int(np.argmax(pl))
     *   pl[kl], ls.false_alarm_probability(pl[kl], method='baluev')
     *       # 0.9614947543509267 3.2776290205311275e-11   (tasni-legacy: its grid, astropy's automatic f_max)
     */
    static final int ASTROPY_NF = 275;
    static final double ASTROPY_FMAX = 0.049479964670043404, ASTROPY_DF = 0.00018025488040088674;
    static final double ASTROPY_PERIOD = 98.18938053097352, ASTROPY_POWER = 0.9536421599311121;
    static final double ASTROPY_FAP = 1.734834024562234e-10;
    static final double LEGACY_POWER = 0.9614947543509267, LEGACY_FAP = 3.2776290205311275e-11;

    static Table epochs() {
        var r = new VariabilityHostileInputTest.Rows();
        for (int i = 0; i < T.length; i++) {
            r.add("TIE", T[i], Y[i], 0.03, Y[i] - 0.5, 0.03);
        }
        return r.table();
    }

    @Test
    void theAutoGridRoundsATieHalfToEvenAsNumpy() {
        Grid g = LombScargle.autoGrid(T.length, T[T.length - 1] - T[0], 5, 5);
        assertEquals(ASTROPY_NF, g.count());
        assertEquals(ASTROPY_DF, g.df(), 1e-15 * ASTROPY_DF);
        assertEquals(ASTROPY_FMAX, g.last(), 1e-14 * ASTROPY_FMAX);
    }

    @Test
    void theAstropyAutoAndLegacyFapsAreAstropysOnATie() {
        Table e = epochs();
        Table auto = Periodogram.of(PeriodogramConfig.astropyAuto(5, 5)).run(e);
        assertEquals(ASTROPY_PERIOD, auto.doubleColumn("w1_best_period").getDouble(0), 1e-9 * ASTROPY_PERIOD);
        assertEquals(ASTROPY_POWER, auto.doubleColumn("w1_best_power").getDouble(0), 1e-9);
        assertEquals(ASTROPY_FAP, auto.doubleColumn("w1_fap").getDouble(0), 1e-9 * ASTROPY_FAP);
        Table legacy = Periodogram.of(PeriodogramConfig.tasniLegacy()).run(e);
        assertEquals(LEGACY_POWER, legacy.doubleColumn("w1_best_power").getDouble(0), 1e-9);
        assertEquals(LEGACY_FAP, legacy.doubleColumn("w1_fap").getDouble(0), 1e-9 * LEGACY_FAP);
        // the spectrum is astropy's grid, frequency by frequency
        Table s = Periodogram.of(PeriodogramConfig.astropyAuto(5, 5)).spectrum(e, "TIE", "w1");
        assertEquals(ASTROPY_NF, s.rowCount());
        assertEquals(ASTROPY_FMAX, s.doubleColumn("frequency_per_day").getDouble(ASTROPY_NF - 1), 1e-14 * ASTROPY_FMAX);
    }
}
