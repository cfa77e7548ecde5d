package org.tasni.sky;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasni.TasniException;

class HealpixTest {

    /** healpy 1.16.1, nside 32, nest=True, lonlat=True (reference-pipeline.md §1.2). */
    @ParameterizedTest
    @CsvSource({
        "0.0, 0.0, 4864", "45.0, 0.0, 5802", "217.6931509, -2.9910653, 6482", "347.6225084, -6.0964906, 4675",
        "293.94766, 60.2004281, 3977", "91.254209, -54.995711, 9770", "214.12092, 34.457224, 2627",
        "0.0, 90.0, 1023", "0.0, -90.0, 8192", "120.0, 41.9, 1638", "180.0, -41.9, 10922",
        "300.0, -89.5, 11264", "83.63, 22.01, 6046", "0.0, 30.0, 5071", "22.5, 30.0, 538"})
    void ang2pixMatchesHealpy(double ra, double dec, long expected) {
        assertEquals(expected, Healpix.nside(32).ang2pix(ra, dec));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 45.0, 1.1937484371410676", "1, 46.40625, 2.388015463268772", "3, 45.0, 3.5833216984719627",
        "4095, 315.0, 88.5380288373519", "4096, 0.0, -40.22818472806108", "6143, 90.0, 40.228184728061095",
        "12287, 315.0, -1.1937484371410818"})
    void pix2angMatchesHealpy(long pix, double ra, double dec) {
        double[] c = Healpix.nside(32).pix2ang(pix);
        assertEquals(ra, c[0], 1e-12);
        assertEquals(dec, c[1], 1e-12);
    }

    @Test
    void maxPixRadMatchesHealpy() {
        assertEquals(1.902602, Healpix.nside(32).maxPixRadDeg(), 1e-6);
        assertEquals(3.357175, Healpix.nside(32).pixelAreaDeg2(), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5, 10, 17, 24, 29})
    void centresMapBackToTheirPixelAndOrdersNest(int order) {
        Healpix hp = Healpix.order(order);
        var rnd = new SplittableRandom(order);
        for (int i = 0; i < 20000; i++) {
            long pix = order <= 5 ? i % hp.npix() : rnd.nextLong(hp.npix());
            double[] c = hp.pix2ang(pix);
            assertEquals(pix, hp.ang2pix(c[0], c[1]), "order " + order + " pixel " + pix);
        }
        if (order > 0) {
            Healpix coarse = Healpix.order(order - 1);
            for (int i = 0; i < 20000; i++) {
                double ra = rnd.nextDouble(360), dec = Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1)));
                long fine = hp.ang2pix(ra, dec);
                assertEquals(coarse.ang2pix(ra, dec), fine >> 2, "nesting at order " + order);
                assertEquals(fine >> 2, hp.parent(fine, order - 1));
            }
        }
    }

    @Test
    void pixelsHaveEqualArea() {
        // uniform points on the sphere fall evenly into the 768 pixels of nside 8 (Poisson scatter only)
        Healpix hp = Healpix.nside(8);
        var rnd = new SplittableRandom(7);
        int n = 768 * 2000;
        int[] count = new int[768];
        for (int i = 0; i < n; i++) {
            count[(int) hp.ang2pix(rnd.nextDouble(360), Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1))))]++;
        }
        double chi2 = 0;
        for (int c : count) {
            chi2 += (c - 2000.0) * (c - 2000.0) / 2000.0;
        }
        assertTrue(chi2 < 767 + 6 * Math.sqrt(2 * 767), "chi2 " + chi2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void neighboursAgreeWithBruteForce(int nside) {
        // Brute force: walk around each pixel just outside its boundary and collect the pixels found there.
        // Boundary points are taken at the centres of fine sub-pixels along the pixel's edges.
        Healpix hp = Healpix.nside(nside);
        int sub = 6;
        Healpix fine = Healpix.order(hp.order() + sub);
        long side = 1L << sub;
        for (long pp = 0; pp < hp.npix(); pp++) {
            final long p = pp;
            Set<Long> expected = new HashSet<>();
            long first = p << (2 * sub);
            for (long k = 0; k < side * side; k++) {
                long x = Healpix.compress(k), y = Healpix.compress(k >>> 1);
                if (x != 0 && y != 0 && x != side - 1 && y != side - 1) {
                    continue;
                }
                double[] c = fine.pix2ang(first + k);
                for (int a = 0; a < 32; a++) {
                    double ang = 2 * Math.PI * a / 32;
                    for (double r : new double[] {1.0, 1.6}) {
                        double d = r * Math.toDegrees(Math.sqrt(4 * Math.PI / fine.npix()));
                        double[] q = ProperMotion.propagate(c[0], c[1], Math.sin(ang) * 3.6e6 * d,
                                Math.cos(ang) * 3.6e6 * d, 1.0);
                        long got = hp.ang2pix(q[0], q[1]);
                        if (got != p) {
                            expected.add(got);
                        }
                    }
                }
            }
            long[] nb = hp.neighbours(p);
            Set<Long> actual = new HashSet<>();
            for (long q : nb) {
                if (q >= 0) {
                    assertTrue(actual.add(q), "duplicate neighbour " + q + " of " + p);
                }
            }
            assertEquals(expected, actual, "neighbours of pixel " + p + " at nside " + nside + ": " + Arrays.toString(nb));
            for (long q : actual) {
                assertTrue(Arrays.stream(hp.neighbours(q)).anyMatch(x -> x == p), "symmetry " + p + "/" + q);
            }
        }
    }

    @Test
    void neighbourOrderIsSwWNwNNeESeS() {
        // an interior pixel: its fine neighbours lie in the named compass directions
        Healpix hp = Healpix.nside(64);
        long p = hp.ang2pix(100, 10);
        double[] c = hp.pix2ang(p);
        long[] nb = hp.neighbours(p);
        double[] n = hp.pix2ang(nb[3]), s = hp.pix2ang(nb[7]), e = hp.pix2ang(nb[5]), w = hp.pix2ang(nb[1]);
        assertTrue(n[1] > c[1] && s[1] < c[1] && e[0] > c[0] && w[0] < c[0]);
    }

    @Test
    void everyPixelLiesWithinMaxPixRadOfItsCentre() {
        for (int nside : new int[] {1, 4, 32}) {
            Healpix hp = Healpix.nside(nside);
            double bound = hp.maxPixRadDeg();
            double worst = 0;
            var rnd = new SplittableRandom(nside);
            for (int i = 0; i < 400; i++) {
                long p = nside == 1 ? i % 12 : rnd.nextLong(hp.npix());
                double[] c = hp.pix2ang(p);
                for (double[] corner : hp.corners(p)) {
                    worst = Math.max(worst, SkyMath.separationDeg(c[0], c[1], corner[0], corner[1]));
                }
                Healpix fine = Healpix.order(hp.order() + 5);
                for (long k = 0; k < 1024; k++) {
                    double[] f = fine.pix2ang((p << 10) + k);
                    assertTrue(SkyMath.separationDeg(c[0], c[1], f[0], f[1]) <= bound, "pixel " + p);
                }
            }
            assertTrue(worst <= bound * (1 + 1e-12) && worst > 0.9 * bound, "worst corner " + worst + " vs " + bound);
        }
    }

    @Test
    void cornersAreOnTheBoundaryOfTheirPixel() {
        Healpix hp = Healpix.nside(16);
        var rnd = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            long p = rnd.nextLong(hp.npix());
            double[] c = hp.pix2ang(p);
            for (double[] corner : hp.corners(p)) {
                // a point 1% of the way from the corner to the centre is inside the pixel
                double[] v0 = SkyMath.toVector(corner[0], corner[1]), v1 = SkyMath.toVector(c[0], c[1]);
                double x = 0.99 * v0[0] + 0.01 * v1[0], y = 0.99 * v0[1] + 0.01 * v1[1], z = 0.99 * v0[2] + 0.01 * v1[2];
                assertEquals(p, hp.ang2pix(SkyMath.ra(x, y), SkyMath.dec(x, y, z)), "corner of " + p);
            }
        }
    }

    @Test
    void queryDiscNeverMissesAPixel() {
        var rnd = new SplittableRandom(5);
        double[][] centres = {{0, 90}, {0, -90}, {359.99, 0}, {0.01, 45}, {180, 89.5}, {45, 41.8}};
        for (int nside : new int[] {1, 8, 32, 256}) {
            Healpix hp = Healpix.nside(nside);
            for (int t = 0; t < 30; t++) {
                double ra = t < centres.length ? centres[t][0] : rnd.nextDouble(360);
                double dec = t < centres.length ? centres[t][1] : Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1)));
                double r = nside == 256 ? rnd.nextDouble(0.01, 0.5) : rnd.nextDouble(0.01, 10);
                long[] got = hp.queryDisc(ra, dec, r);
                for (int i = 1; i < got.length; i++) {
                    assertTrue(got[i] > got[i - 1], "sorted, distinct");
                }
                // uniform points in the cap, including its rim, must all land in returned pixels
                for (int i = 0; i < 4000; i++) {
                    double rho = i < 200 ? r : Math.toDegrees(Math.acos(1 - rnd.nextDouble() * (1 - Math.cos(Math.toRadians(r)))));
                    double az = rnd.nextDouble(2 * Math.PI);
                    // propagate() moves by atan(|μ|t): ask for tan(rho) to land exactly rho away
                    double mu = Math.toDegrees(Math.tan(Math.toRadians(rho))) * 3.6e6;
                    double[] q = ProperMotion.propagate(ra, dec, Math.sin(az) * mu, Math.cos(az) * mu, 1.0);
                    if (SkyMath.separationDeg(ra, dec, q[0], q[1]) > rho) {
                        continue; // rounding put it a hair outside
                    }
                    long pix = hp.ang2pix(q[0], q[1]);
                    assertTrue(Arrays.binarySearch(got, pix) >= 0,
                            "nside " + nside + " disc (" + ra + ", " + dec + ", " + r + ") misses pixel " + pix);
                }
                // and it is not wildly generous: area returned ≤ area of the disc grown by two pixel radii
                double grown = r + 2.02 * hp.maxPixRadDeg();
                double capArea = 2 * Math.PI * (1 - Math.cos(Math.toRadians(Math.min(180, grown)))) * Math.pow(Math.toDegrees(1), 2);
                assertTrue(got.length * hp.pixelAreaDeg2() <= capArea + 1e-9);
            }
        }
        assertEquals(12, Healpix.nside(1).queryDisc(10, 10, 180).length);
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThrows(TasniException.class, () -> Healpix.nside(3));
        assertThrows(TasniException.class, () -> Healpix.nside(1L << 30));
        assertThrows(TasniException.class, () -> Healpix.nside(32).pix2ang(12288));
        assertThrows(TasniException.class, () -> Healpix.nside(32).ang2pix(0, 90.5));
        assertThrows(TasniException.class, () -> Healpix.nside(32).ang2pix(Double.NaN, 0));
        assertThrows(TasniException.class, () -> Healpix.nside(32).queryDisc(0, 0, Double.NaN));
    }
}
