package org.tasni.sky;

/**
 * Which positions lie within a margin of an nside-32 tile, conservatively: every position within the margin is
 * kept (and a few a little farther). A position qualifies when its order-f HEALPix pixel, or one of that pixel's 8
 * neighbours, lies in the tile, with f the finest order whose pixels are at least 4 margins wide. The downloader
 * keeps such rows as a tile's margin, and the tiled crossmatch takes them from neighbouring tiles.
 */
public final class TileMargin {

    private static final Healpix TILES = Healpix.nside(32);

    private final long tile;
    private final Healpix fine;
    private final int shift;
    private final double[] centre;
    private final double cosReach;

    /** @param marginArcsec the margin width, arcsec */
    public TileMargin(long tile, double marginArcsec) {
        this.tile = tile;
        int f = Math.max(5, fineOrder(marginArcsec));
        this.fine = Healpix.order(f);
        this.shift = 2 * (f - 5);
        double[] c = TILES.pix2ang(tile);
        this.centre = SkyMath.toVector(c[0], c[1]);
        this.cosReach = Math.cos(Math.toRadians(TILES.maxPixRadDeg() + marginArcsec / 3600));
    }

    /**
     * The order of the margin test: the finest HEALPix order (at most 20) whose pixels are at least 4 margins wide, so
     * that every position within the margin of a pixel at this order or coarser has its order-f pixel, or one of that
     * pixel's 8 neighbours, inside it. The Spark partitioner assigns margin rows by the same rule.
     *
     * @param marginArcsec the margin width, arcsec
     */
    public static int fineOrder(double marginArcsec) {
        int f = 0;
        while (f < 20 && Math.sqrt(Healpix.order(f + 1).pixelAreaDeg2()) * 3600 >= 4 * marginArcsec) {
            f++;
        }
        return f;
    }

    /** True if (ra, dec) is in the tile or within the margin of it. */
    public boolean contains(double ra, double dec) {
        double[] v = SkyMath.toVector(ra, dec);
        if (v[0] * centre[0] + v[1] * centre[1] + v[2] * centre[2] < cosReach) {
            return false;
        }
        long p = fine.ang2pix(ra, dec);
        if ((p >>> shift) == tile) {
            return true;
        }
        for (long n : fine.neighbours(p)) {
            if (n >= 0 && (n >>> shift) == tile) {
                return true;
            }
        }
        return false;
    }
}
