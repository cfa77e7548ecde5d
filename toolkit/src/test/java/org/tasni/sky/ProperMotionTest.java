package org.tasni.sky;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProperMotionTest {

    @Test
    void smallMotionsMatchTheTangentPlane() {
        // over 5.5 yr at < 1″/yr the tangent-plane offsets Δα cosδ = μα* t, Δδ = μδ t hold to 1 mas: the second-order
        // term (μ t)² tanδ / 2 is at most 0.4 mas at |dec| ≤ 80°
        var rnd = new SplittableRandom(3);
        for (int i = 0; i < 5000; i++) {
            double ra = rnd.nextDouble(360), dec = rnd.nextDouble(-80, 80);
            double pmra = rnd.nextDouble(-1000, 1000), pmdec = rnd.nextDouble(-1000, 1000);
            double[] p = ProperMotion.propagate(ra, dec, pmra, pmdec, -5.5);
            double dra = SkyMath.normalizeRa(p[0] - ra + 180) - 180;
            double expRa = pmra * -5.5 / 3.6e6 / Math.cos(Math.toRadians(dec));
            double expDec = pmdec * -5.5 / 3.6e6;
            assertEquals(expDec * 3600, (p[1] - dec) * 3600, 1e-3);
            assertEquals(expRa * 3600 * Math.cos(Math.toRadians(dec)), dra * 3600 * Math.cos(Math.toRadians(dec)),
                    1e-3);
        }
    }

    @Test
    void distanceMovedIsTheArctangentOfTheDisplacement() {
        // u(t) = normalise(u0 + d) with d ⟂ u0, so the angle moved is atan(|d|): exact for any size, at any position
        double[][] cases = {{10, 0, 3000, 4000, 100}, {200, 89.9999, 0, 10000, 10}, {0, -90, 5000, 0, 2}};
        for (double[] c : cases) {
            double[] p = ProperMotion.propagate(c[0], c[1], c[2], c[3], c[4]);
            double dRad = Math.hypot(c[2], c[3]) * c[4] / 3.6e6 * Math.PI / 180;
            assertEquals(Math.toDegrees(Math.atan(dRad)) * 3600, SkyMath.separationArcsec(c[0], c[1], p[0], p[1]),
                    1e-8);
        }
    }

    @Test
    void crossingThePoleKeepsMoving() {
        // a star 0.36″ short of the north pole moving north at 1″/yr passes over the pole within a year
        double[] p = ProperMotion.propagate(30.0, 90 - 0.1 / 3600 * 3.6, 0, 1000, 1.0);
        assertEquals(210.0, p[0], 1e-6);
        assertEquals(90 - 0.64 / 3600, p[1], 1e-9);
    }

    @Test
    void nanProperMotionLeavesRowsUnmovedAndCounts() {
        double[] ra = {10, 20, 30}, dec = {0, 0, 0};
        double[] pmra = {100, Double.NaN, 0}, pmdec = {0, 0, Double.NaN};
        double[] ro = new double[3], dout = new double[3];
        assertEquals(2, ProperMotion.propagate(ra, dec, pmra, pmdec, 2016.0, 2010.5, ro, dout));
        assertEquals(20, ro[1]);
        assertEquals(30, ro[2]);
        assertEquals(10 - 0.55 / 3600, ro[0], 1e-12);
    }
}
