package org.tasni.sky;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;

class SkyMathTest {

    /** Textbook haversine, in degrees: an independent formula for moderate separations. */
    private static double haversineDeg(double ra1, double dec1, double ra2, double dec2) {
        double p1 = Math.toRadians(dec1), p2 = Math.toRadians(dec2);
        double dp = p2 - p1, dl = Math.toRadians(ra2 - ra1);
        double h = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
        return Math.toDegrees(2 * Math.asin(Math.sqrt(h)));
    }

    @Test
    void separationAgreesWithHaversine() {
        var rnd = new SplittableRandom(1);
        for (int i = 0; i < 20000; i++) {
            double ra1 = rnd.nextDouble(360), dec1 = Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1)));
            double ra2 = rnd.nextDouble(360), dec2 = Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1)));
            double expected = haversineDeg(ra1, dec1, ra2, dec2);
            if (expected > 179) {
                continue; // haversine's asin is ill-conditioned near antipodes
            }
            assertEquals(expected, SkyMath.separationDeg(ra1, dec1, ra2, dec2), 1e-9);
        }
    }

    @Test
    void tinySeparationsKeepMicroArcsecondPrecision() {
        // pure declination offsets: the separation is exactly the offset, whatever the RA
        double[] decs = {-89.9, -45, 0, 12.345678, 60, 89.9};
        for (double dec : decs) {
            for (double offArcsec : new double[] {1e-6, 3.6e-6, 1e-3, 0.25, 3.0}) {
                double dec2 = dec + offArcsec / 3600;
                double exact = (dec2 - dec) * 3600; // the representable offset
                assertEquals(exact, SkyMath.separationArcsec(123.4, dec, 123.4, dec2), 1e-9 * Math.max(1, exact),
                        "dec " + dec + " offset " + offArcsec);
            }
        }
        // RA offset on the equator is the offset itself; across the 0/360 wrap too
        assertEquals(1.0, SkyMath.separationArcsec(360 - 0.5 / 3600, 0, 0.5 / 3600, 0), 1e-9);
        // acos of a dot product cannot resolve this: show that the vector form does
        double[] a = SkyMath.toVector(10, 20), b = SkyMath.toVector(10, 20 + 1e-6 / 3600);
        assertEquals(1e-6, SkyMath.angleRad(a, 0, b, 0) * SkyMath.ARCSEC_PER_RAD, 1e-9);
    }

    @Test
    void vectorsRoundTrip() {
        var rnd = new SplittableRandom(2);
        for (int i = 0; i < 10000; i++) {
            double ra = rnd.nextDouble(360), dec = rnd.nextDouble(-90, 90);
            double[] v = SkyMath.toVector(ra, dec);
            assertEquals(1.0, v[0] * v[0] + v[1] * v[1] + v[2] * v[2], 1e-15);
            assertEquals(0, SkyMath.separationArcsec(ra, dec, SkyMath.ra(v[0], v[1]), SkyMath.dec(v[0], v[1], v[2])),
                    1e-9);
        }
    }

    @Test
    void chordAndAngle() {
        double theta = 3.0 / SkyMath.ARCSEC_PER_RAD;
        assertEquals(theta, SkyMath.angleFromChord(SkyMath.chordFromAngle(theta)), 1e-22);
        assertEquals(Math.PI, SkyMath.angleFromChord(2.0), 0);
        assertEquals(Math.PI, SkyMath.angleFromChord(2.0000001), 0, "clipped");
        assertEquals(Math.sqrt(2), SkyMath.chordFromAngle(Math.PI / 2), 1e-15);
    }

    @Test
    void raIsNormalised() {
        assertEquals(0.0, SkyMath.normalizeRa(360.0));
        assertEquals(359.5, SkyMath.normalizeRa(-0.5));
        assertEquals(10.0, SkyMath.normalizeRa(730.0));
        assertEquals(0.0, SkyMath.normalizeRa(-1e-17));
        assertTrue(Double.isNaN(SkyMath.normalizeRa(Double.NaN)));
    }

    @Test
    void badPositionsNameTheRow() {
        var e = assertThrows(TasniException.class, () -> SkyMath.checkPosition(10, 91, "allwise.parquet row 17"));
        assertTrue(e.getMessage().startsWith("allwise.parquet row 17: dec must be in [-90, 90]"), e.getMessage());
        assertThrows(TasniException.class, () -> SkyMath.checkPosition(Double.NaN, 0, "row 1"));
        assertThrows(TasniException.class, () -> SkyMath.checkPosition(1, Double.NaN, "row 1"));
        assertThrows(TasniException.class, () -> SkyMath.checkPosition(Double.POSITIVE_INFINITY, 0, "row 1"));
        assertEquals(350.0, SkyMath.checkPosition(-10, 90, "row 1"));
    }
}
