package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.sky.Healpix;
import org.tasni.sky.SkyMath;

/** The missing-neighbour caveat, against positions placed by bisection at known distances from a tile's border. */
class MissingNeighboursTest {

    static final Healpix TILES = Healpix.nside(32);

    @TempDir
    Path dir;

    /** A point inside 6044 at {@code arcsec} from its border with a tile outside the samples, towards that tile. */
    static double[] insideBy(double arcsec, long outside) {
        double[] a = TILES.pix2ang(6044), b = TILES.pix2ang(outside);
        double[] in = a, out = b;
        for (int k = 0; k < 60; k++) { // bisect the great circle between the two centres to the border
            double[] mid = midpoint(in, out);
            if (TILES.ang2pix(mid[0], mid[1]) == 6044) {
                in = mid;
            } else {
                out = mid;
            }
        }
        // from the border, step back towards 6044's centre along the same great circle
        double sep = SkyMath.separationArcsec(in[0], in[1], a[0], a[1]);
        double f = arcsec / sep;
        return new double[] {in[0] + f * (SkyMath.normalizeRa(a[0] - in[0] + 180) - 180), in[1] + f * (a[1] - in[1])};
    }

    static double[] midpoint(double[] p, double[] q) {
        double[] u = SkyMath.toVector(p[0], p[1]), v = SkyMath.toVector(q[0], q[1]);
        double x = u[0] + v[0], y = u[1] + v[1], z = u[2] + v[2];
        return new double[] {SkyMath.ra(x, y), SkyMath.dec(x, y, z)};
    }

    MissingNeighbours samples(String shortOfNeighbours) throws Exception {
        PipelineConfig c = PipelineConfig.defaults().withData(Path.of("../data-samples")).withOut(dir);
        Files.createDirectories(CrossmatchStep.summaryFile(c).getParent());
        Files.writeString(CrossmatchStep.summaryFile(c), "tile,status,missing_neighbours\n6044,OK," + shortOfNeighbours
                + "\n6045,OK,0\n6046,OK,0\n6047,OK,0\n");
        return MissingNeighbours.of(c);
    }

    @Test
    void aSourceWithinTheRadiusOfAMissingTileIsFlaggedAndOneFurtherInIsNot() throws Exception {
        long outside = -1;
        for (long n : TILES.neighbours(6044)) {
            if (n >= 0 && (n < 6044 || n > 6047)) {
                outside = n;
                break;
            }
        }
        MissingNeighbours m = samples("5");
        double[] near = insideBy(1.0, outside), far = insideBy(10.0, outside);
        assertTrue(TILES.ang2pix(near[0], near[1]) == 6044 && TILES.ang2pix(far[0], far[1]) == 6044);
        assertTrue(m.near(near[0], near[1]), "1 arcsec from a tile without Gaia, radius 3 arcsec");
        assertFalse(m.near(far[0], far[1]), "10 arcsec from it");
        double[] centre = TILES.pix2ang(6044);
        assertFalse(m.near(centre[0], centre[1]));
    }

    /** A tile whose margin file stood in for its neighbours (missing_neighbours 0) gives no caveat at all. */
    @Test
    void aTileCoveredByItsMarginFileGivesNoCaveat() throws Exception {
        long outside = -1;
        for (long n : TILES.neighbours(6044)) {
            if (n >= 0 && (n < 6044 || n > 6047)) {
                outside = n;
                break;
            }
        }
        double[] near = insideBy(1.0, outside);
        assertFalse(samples("0").near(near[0], near[1]));
    }
}
