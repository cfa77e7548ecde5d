package org.tasni.simulate;

import java.util.Arrays;
import org.tasni.TasniException;

/**
 * Settings of the NEOWISE epoch simulator. Start from {@link #defaults()} and change what you need with the
 * {@code with…} methods.
 *
 * @param seed             random seed; each light curve's stream is keyed by its designation
 * @param startMjd         first possible visit (56658 = 2014-01-01, after NEOWISE's reactivation)
 * @param endMjd           last possible visit (60523 = 2024-08-01, the end of the mission)
 * @param cadenceDays      time between visits, days (182.6: each sky position is seen twice a year)
 * @param exposuresPerVisit mean number of single exposures per visit (12)
 * @param visitSpanDays    duration of one visit, days (about 1)
 * @param fractions        probability of each {@link LightCurveClass}, in enum order; they must sum to 1
 * @param minTrendMagYr    smallest injected |trend| for FADING and BRIGHTENING, mag/yr
 * @param maxTrendMagYr    largest injected |trend|, mag/yr
 */
public record EpochConfig(long seed, double startMjd, double endMjd, double cadenceDays, int exposuresPerVisit,
        double visitSpanDays, double[] fractions, double minTrendMagYr, double maxTrendMagYr) {

    public EpochConfig {
        if (!(endMjd > startMjd) || !(cadenceDays > 0) || exposuresPerVisit < 1 || !(visitSpanDays >= 0)) {
            throw new TasniException("simulate: the epoch range, cadence, exposures per visit and visit span must be positive.");
        }
        if (fractions.length != LightCurveClass.values().length) {
            throw new TasniException("simulate: give one class fraction per class " + Arrays.toString(LightCurveClass.values()) + ".");
        }
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0)) {
                throw new TasniException("simulate: class fractions must be >= 0 (got " + f + ").");
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new TasniException("simulate: class fractions must sum to 1 (got " + sum + ").");
        }
        if (!(minTrendMagYr > 0 && maxTrendMagYr >= minTrendMagYr)) {
            throw new TasniException("simulate: need 0 < minTrendMagYr <= maxTrendMagYr (got " + minTrendMagYr + ", "
                    + maxTrendMagYr + ").");
        }
        fractions = fractions.clone();
    }

    /** NEOWISE-R 2014–2024, 12 exposures per visit; 55% constant, 15% stochastic, 12% fading, 6% brightening, 12% periodic. */
    public static EpochConfig defaults() {
        return new EpochConfig(42, 56658, 60523, 182.6, 12, 1.0, new double[] {0.55, 0.15, 0.12, 0.06, 0.12}, 0.01, 0.15);
    }

    /** A copy with another random seed. */
    public EpochConfig withSeed(long s) {
        return new EpochConfig(s, startMjd, endMjd, cadenceDays, exposuresPerVisit, visitSpanDays, fractions,
                minTrendMagYr, maxTrendMagYr);
    }

    /** Every light curve of one class (for injection–recovery tests). */
    public EpochConfig onlyClass(LightCurveClass c) {
        double[] f = new double[LightCurveClass.values().length];
        f[c.ordinal()] = 1;
        return new EpochConfig(seed, startMjd, endMjd, cadenceDays, exposuresPerVisit, visitSpanDays, f,
                minTrendMagYr, maxTrendMagYr);
    }

    /** The probability of each {@link LightCurveClass}, in enum order (a copy: the record stays immutable). */
    @Override
    public double[] fractions() {
        return fractions.clone();
    }
}
