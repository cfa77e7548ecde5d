package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;

/** StudentT against Commons Math, to the bit, and against the t distribution's own CDF. */
class StudentTTest {

    @Test
    void sameBitsAsCommonsMathOverTStatisticsAndDegreesOfFreedom() {
        var rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200_000; trial++) {
            // small df, the usual ~300, beyond the table; t from tiny to huge, both signs, both branches of the fraction
            int df = switch (trial % 4) {
                case 0 -> 1 + rnd.nextInt(10);
                case 1 -> 290 + rnd.nextInt(20);
                case 2 -> 1 + rnd.nextInt(StudentT.TABLE + 500);
                default -> 1 + rnd.nextInt(3000);
            };
            double t = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, rnd.nextDouble(-6, 3));
            double want = Beta.regularizedBeta(df / (df + t * t), 0.5 * df, 0.5);
            double got = StudentT.twoSidedP(t, df);
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), "t " + t + ", df " + df);
        }
    }

    @Test
    void agreesWithTheDistributionAndTheEdges() {
        for (int df : new int[] {1, 2, 5, 30, 298}) {
            for (double t : new double[] {0, 0.3, 1, 2.5, 7}) {
                double p = 2 * new TDistribution(df).cumulativeProbability(-t);
                assertEquals(p, StudentT.twoSidedP(t, df), 1e-12 + 1e-9 * p, "t " + t + ", df " + df);
            }
        }
        assertEquals(1.0, StudentT.twoSidedP(0, 298));
        assertEquals(0.0, StudentT.twoSidedP(Double.POSITIVE_INFINITY, 298));
        assertTrue(Double.isNaN(StudentT.twoSidedP(Double.NaN, 298)));
        // a non-integer df goes to Commons Math unchanged
        assertEquals(Beta.regularizedBeta(2.5 / (2.5 + 4), 1.25, 0.5), StudentT.twoSidedP(2, 2.5));
    }
}
