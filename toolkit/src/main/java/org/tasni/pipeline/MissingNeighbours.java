package org.tasni.pipeline;

import java.util.HashSet;
import java.util.Set;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import org.tasni.sky.Healpix;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.Table;

/**
 * Which candidates may be false orphans because Gaia is missing near them: a source whose disc of the match radius
 * reaches a tile with no Gaia file (or an empty one) was matched against part of the sky only. Only tiles that the
 * crossmatch found short of a neighbour count ({@code missing_neighbours} of its summary): a downloaded tile's margin
 * file holds the Gaia rows beyond its border, so its sources are safe even where the neighbouring tile is not there.
 */
final class MissingNeighbours {

    private static final Healpix TILES = TileLayout.TILING;

    private final Set<Long> withGaia, shortOfNeighbours;
    private final double radiusDeg;

    private MissingNeighbours(Set<Long> withGaia, Set<Long> shortOfNeighbours, double radiusArcsec) {
        this.withGaia = withGaia;
        this.shortOfNeighbours = shortOfNeighbours;
        this.radiusDeg = radiusArcsec / 3600.0;
    }

    /** A sky with no tile short of a neighbour: no position gets the caveat (the ranking's tests start from it). */
    static MissingNeighbours none() {
        return new MissingNeighbours(Set.of(), Set.of(), 3.0);
    }

    /** The tiles of {@code c}'s data directory that have usable Gaia, from the files and the crossmatch's summary. */
    static MissingNeighbours of(PipelineConfig c) {
        Set<Long> with = new HashSet<>(), shortOf = new HashSet<>();
        // as the crossmatch counts them: a Gaia file with no rows, or one that cannot be read, is a missing neighbour
        for (var e : TileLayout.list(c.tilesDir(), TileLayout.GAIA).entrySet()) {
            try {
                if (ParquetIO.rowCount(e.getValue()) > 0) {
                    with.add(e.getKey());
                }
            } catch (TasniException unreadable) {
                // missing
            }
        }
        Table summary = TableIO.read(CrossmatchStep.summaryFile(c));
        Table bad = TileStatus.select(summary, TileStatus.EMPTY_GAIA, TileStatus.NO_GAIA);
        for (int i = 0; i < bad.rowCount(); i++) {
            with.remove(SummaryColumns.count(bad, "tile", i));
        }
        for (int i = 0; i < summary.rowCount(); i++) {
            if (SummaryColumns.count(summary, "missing_neighbours", i) > 0) {
                shortOf.add(SummaryColumns.count(summary, "tile", i));
            }
        }
        return new MissingNeighbours(with, shortOf, c.radiusArcsec());
    }

    /**
     * Whether the disc of the match radius around (ra, dec) touches a tile without Gaia. {@code queryDisc} is a
     * conservative superset (it may return a pixel that only comes close), so a missing pixel it returns is confirmed
     * on 64 points of the disc's edge; a disc smaller than a tile reaches a neighbour only across its edge.
     */
    boolean near(double ra, double dec) {
        if (!shortOfNeighbours.contains(TILES.ang2pix(ra, dec))) {
            return false;
        }
        boolean suspect = false;
        for (long pix : TILES.queryDisc(ra, dec, radiusDeg)) {
            suspect |= !withGaia.contains(pix);
        }
        if (!suspect) {
            return false;
        }
        if (!withGaia.contains(TILES.ang2pix(ra, dec))) {
            return true;
        }
        double a = Math.toRadians(ra), d = Math.toRadians(dec), r = Math.toRadians(radiusDeg);
        double[] c = SkyMath.toVector(ra, dec);
        double[] east = {-Math.sin(a), Math.cos(a), 0};
        double[] north = {-Math.sin(d) * Math.cos(a), -Math.sin(d) * Math.sin(a), Math.cos(d)};
        for (int k = 0; k < 64; k++) {
            double az = 2 * Math.PI * k / 64, e = Math.sin(r) * Math.sin(az), n = Math.sin(r) * Math.cos(az);
            double x = Math.cos(r) * c[0] + e * east[0] + n * north[0];
            double y = Math.cos(r) * c[1] + e * east[1] + n * north[1];
            double z = Math.cos(r) * c[2] + n * north[2];
            if (!withGaia.contains(TILES.ang2pix(SkyMath.ra(x, y), SkyMath.dec(x, y, z)))) {
                return true;
            }
        }
        return false;
    }
}
