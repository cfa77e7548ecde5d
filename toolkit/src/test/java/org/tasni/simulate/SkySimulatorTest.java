package org.tasni.simulate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableAssert;
import org.tasni.sky.Healpix;
import org.tasni.sky.ProperMotion;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.Table;

class SkySimulatorTest {

    static SkySimulator.SkySample real;

    @BeforeAll
    static void simulateAtRealDensity() {
        // four tiles around one corner, real densities, more high-PM stars so that the tail is well sampled
        real = SkySimulator.of(SkyConfig.defaults().withHighPmFraction(0.002)).simulate(6044, 6045, 6046, 6047);
    }

    @Test
    void densitiesAndFractionsAreRealistic() {
        double area = 4 * Healpix.nside(32).pixelAreaDeg2();
        Table gaia = real.allGaia(), wise = real.allWise();
        assertEquals(44_000, gaia.rowCount() / area, 44_000 * 0.01);
        assertEquals(18_000, wise.rowCount() / area, 18_000 * 0.02);
        double matched = 1 - wise.booleanColumn("is_orphan_truth").countTrue() / (double) wise.rowCount();
        assertEquals(0.54, matched, 0.01);
        // about 19% two-parameter Gaia solutions
        assertEquals(0.19, gaia.doubleColumn("pmra").countMissing() / (double) gaia.rowCount(), 0.01);
        // red WISE-only sources exist: W1−W2 ≥ 0.5 for at least the configured 2.5% of orphans (more: the measured
        // colours of faint sources carry their photometric noise)
        Table orphans = wise.where(wise.booleanColumn("is_orphan_truth").isTrue());
        long red = 0;
        for (int i = 0; i < orphans.rowCount(); i++) {
            if (orphans.floatColumn("w1mpro").getFloat(i) - orphans.floatColumn("w2mpro").getFloat(i) >= 0.5) {
                red++;
            }
        }
        assertTrue(red >= 0.025 * orphans.rowCount(),
                "red orphans " + red + " of " + orphans.rowCount());
    }

    @Test
    void everyRowLiesInItsTileAndIdsFollowGaiasRule() {
        Healpix hp = Healpix.nside(32), level12 = Healpix.order(12);
        for (var e : real.gaia().entrySet()) {
            Table g = e.getValue();
            for (int i = 0; i < g.rowCount(); i++) {
                double ra = g.doubleColumn("ra").get(i), dec = g.doubleColumn("dec").get(i);
                assertEquals(e.getKey(), hp.ang2pix(ra, dec));
                assertEquals(level12.ang2pix(ra, dec), g.longColumn("source_id").get(i) >> 35);
            }
            assertEquals(g.rowCount(), g.longColumn("source_id").countUnique());
        }
        for (var e : real.wise().entrySet()) {
            Table w = e.getValue();
            for (int i = 0; i < w.rowCount(); i++) {
                assertEquals(e.getKey(), hp.ang2pix(w.doubleColumn("ra").get(i), w.doubleColumn("dec").get(i)));
            }
        }
    }

    @Test
    void counterpartsAreOffsetByThePositionErrorAndMovedByProperMotion() {
        Table gaia = real.allGaia(), wise = real.allWise();
        Map<Long, Integer> row = new HashMap<>();
        for (int i = 0; i < gaia.rowCount(); i++) {
            row.put(gaia.longColumn("source_id").get(i), i);
        }
        double sum = 0;
        int n = 0, highPm = 0, highPmFar = 0, crossTile = 0;
        Healpix hp = Healpix.nside(32);
        for (int i = 0; i < wise.rowCount(); i++) {
            if (wise.booleanColumn("is_orphan_truth").get(i)) {
                assertTrue(wise.longColumn("true_gaia_id").isMissing(i));
                continue;
            }
            int g = row.get(wise.longColumn("true_gaia_id").get(i));
            double ra = gaia.doubleColumn("ra").get(g), dec = gaia.doubleColumn("dec").get(g);
            double pmra = gaia.doubleColumn("pmra").getDouble(g), pmdec = gaia.doubleColumn("pmdec").getDouble(g);
            double[] at2010 = ProperMotion.propagate(ra, dec, pmra, pmdec, 2010.5 - 2016.0);
            double wra = wise.doubleColumn("ra").get(i), wdec = wise.doubleColumn("dec").get(i);
            sum += SkyMath.separationArcsec(at2010[0], at2010[1], wra, wdec);
            n++;
            if (Math.hypot(pmra, pmdec) > 500) {
                highPm++;
                if (SkyMath.separationArcsec(ra, dec, wra, wdec) > 3.0) {
                    highPmFar++;
                }
            }
            if (hp.ang2pix(ra, dec) != hp.ang2pix(wra, wdec)) {
                crossTile++;
            }
        }
        // a 2-D Gaussian of σ = 0.25″ per axis has a mean separation σ√(π/2)
        assertEquals(0.25 * Math.sqrt(Math.PI / 2), sum / n, 0.005);
        assertTrue(highPm > 100, "high-PM counterparts: " + highPm);
        assertTrue(highPmFar > 0.5 * highPm, "most high-PM stars are more than 3″ from their 2016 position");
        // a pair straddles a border with probability ~1e-4 at σ = 0.25″ (reference-pipeline.md §2.4): a handful
        // cross the inner borders of these four tiles, and some fall outside them and are counted, not written
        assertTrue(crossTile >= 1, "counterparts across tile borders: " + crossTile);
        assertTrue(real.wiseLostAtEdge() >= 1, "counterparts that left the simulated tiles");
    }

    @Test
    void deterministicPerSeedAndPerTile(@TempDir Path dir) throws Exception {
        SkyConfig c = SkyConfig.defaults().withDensityScale(0.02);
        var a = SkySimulator.of(c).simulate(100, 101);
        var b = SkySimulator.of(c).simulate(101, 100);
        TableAssert.assertSameTable(a.allGaia(), b.allGaia());
        TableAssert.assertSameTable(a.allWise(), b.allWise());
        // a tile's Gaia catalogue does not depend on its companions
        TableAssert.assertSameTable(a.gaia().get(100L), SkySimulator.of(c).simulate(100).gaia().get(100L));
        assertNotEquals(a.allGaia().doubleColumn("ra").get(0),
                SkySimulator.of(c.withSeed(7)).simulate(100, 101).allGaia().doubleColumn("ra").get(0));
        a.writeTiles(dir.resolve("a"));
        b.writeTiles(dir.resolve("b"));
        for (String f : new String[] {"gaia_hp00100.parquet", "wise_hp00101.parquet"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
    }

    @Test
    void designationsAreTruncatedAsAllWiseDoes() {
        // real designations and positions from the NEOWISE epochs file (reference-pipeline.md §8)
        assertEquals("J141629.02+342726.0", SkySimulator.designation(214.12092, 34.457224));
        assertEquals("J024218.54-170912.1", SkySimulator.designation(40.577286, -17.153376));
        assertEquals("J000000.00+000000.0", SkySimulator.designation(0, 0));
        assertEquals("J235959.99-895959.9", SkySimulator.designation(359.99999999, -89.99999999));
        for (String d : real.allWise().stringColumn("designation").asList().subList(0, 1000)) {
            assertTrue(d.matches("J\\d{6}\\.\\d{2}[+-]\\d{6}\\.\\d"), d);
        }
    }

    @Test
    void photometryFollowsTheErrorLaw() {
        Table w = real.allWise();
        for (int i = 0; i < w.rowCount(); i += 97) {
            float s1 = w.floatColumn("w1sigmpro").getFloat(i);
            assertEquals(1.0857 / s1, w.floatColumn("w1snr").getFloat(i), 1e-3 * w.floatColumn("w1snr").getFloat(i));
            char q = w.stringColumn("ph_qual").get(i).charAt(0);
            double snr = w.floatColumn("w1snr").getFloat(i);
            assertEquals(snr >= 10 ? 'A' : snr >= 3 ? 'B' : snr >= 2 ? 'C' : 'U', q);
            assertEquals(4, w.stringColumn("cc_flags").get(i).length());
        }
        assertTrue(SkySimulator.photometricError(17, 15.5) > SkySimulator.photometricError(12, 15.5));
    }
}
