package org.tasni.sky;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;
import org.tasni.TasniException;

/**
 * HEALPix in the NESTED scheme (Górski et al. 2005, ApJ 622, 759; doi:10.1086/427976) for nside = 2^k, k ≤ 29.
 *
 * <p>Written by hand because no HEALPix library is published on Maven Central (cds-healpix-java is not). The
 * algorithms follow the reference C++ library (healpix_cxx): {@link #ang2pix} is bit-identical to healpy's
 * {@code ang2pix(nside, ra, dec, nest=True, lonlat=True)}, including points on pixel boundaries and near the poles
 * (where it switches to the {@code sin θ} form, as healpix_cxx does for θ &lt; 0.01).
 *
 * <p>Positions are RA/Dec in degrees. Pixel numbers are {@code long} (12·4^29 needs 62 bits).
 * <pre>{@code
 * Healpix hp = Healpix.nside(32);
 * long tile = hp.ang2pix(83.63, 22.01);        // 6046
 * long[] around = hp.neighbours(tile);         // SW, W, NW, N, NE, E, SE, S; -1 where none
 * long[] cover = hp.queryDisc(83.63, 22.01, 2.0);
 * }</pre>
 */
public final class Healpix {

    /** The largest supported order: nside = 2^29. */
    public static final int MAX_ORDER = 29;

    private static final double HALF_PI = 0.5 * Math.PI;
    private static final double TWO_THIRDS = 2.0 / 3.0;
    // Base-face layout of healpix_cxx: ring number and phi offset of each face's southernmost corner.
    private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
    private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};
    // Neighbour offsets, in healpy's order SW, W, NW, N, NE, E, SE, S.
    private static final int[] NB_X = {-1, -1, 0, 1, 1, 1, 0, -1};
    private static final int[] NB_Y = {0, 1, 1, 1, 0, -1, -1, -1};
    // healpix_cxx's face of a neighbour that lies beyond an edge of face f: NB_FACE[region][f], where region
    // 0..8 = S, SE, E, SW, centre, NE, W, NW, N in the face's (x, y) frame; -1 where no face touches there.
    private static final int[][] NB_FACE = {
        {8, 9, 10, 11, -1, -1, -1, -1, 10, 11, 8, 9},
        {5, 6, 7, 4, 8, 9, 10, 11, 9, 10, 11, 8},
        {-1, -1, -1, -1, 5, 6, 7, 4, -1, -1, -1, -1},
        {4, 5, 6, 7, 11, 8, 9, 10, 11, 8, 9, 10},
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
        {1, 2, 3, 0, 0, 1, 2, 3, 5, 6, 7, 4},
        {-1, -1, -1, -1, 7, 4, 5, 6, -1, -1, -1, -1},
        {3, 0, 1, 2, 3, 0, 1, 2, 4, 5, 6, 7},
        {2, 3, 0, 1, -1, -1, -1, -1, 0, 1, 2, 3}};
    // How coordinates flip when crossing into that face: bit 1 mirrors x, bit 2 mirrors y, bit 4 swaps x and y.
    private static final int[][] NB_SWAP = {
        {0, 0, 3}, {0, 0, 6}, {0, 0, 0}, {0, 0, 5}, {0, 0, 0}, {5, 0, 0}, {0, 0, 0}, {6, 0, 0}, {3, 0, 0}};

    private final int order;
    private final long nside;
    private final long npface;
    private final double fact1;
    private final double fact2;

    private Healpix(int order) {
        this.order = order;
        this.nside = 1L << order;
        this.npface = nside * nside;
        this.fact2 = 4.0 / (12.0 * npface);
        this.fact1 = (nside << 1) * fact2;
    }

    /**
     * The scheme for {@code nside}.
     *
     * @throws TasniException unless nside is a power of two between 1 and 2^29
     */
    public static Healpix nside(long nside) {
        if (nside < 1 || Long.bitCount(nside) != 1 || nside > (1L << MAX_ORDER)) {
            throw new TasniException("HEALPix nside must be a power of two from 1 to 2^29 (got " + nside + ").");
        }
        return new Healpix(Long.numberOfTrailingZeros(nside));
    }

    /** The scheme of order {@code k} (nside = 2^k). */
    public static Healpix order(int k) {
        if (k < 0 || k > MAX_ORDER) {
            throw new TasniException("HEALPix order must be in [0, 29] (got " + k + ").");
        }
        return new Healpix(k);
    }

    /** The number of pixels along a base pixel's side, a power of two: 32 for the pipeline's tiles. */
    public long nside() {
        return nside;
    }

    /** log2(nside): 5 for the pipeline's tiles. */
    public int order() {
        return order;
    }

    /** Number of pixels, 12·nside². */
    public long npix() {
        return 12 * npface;
    }

    /** Area of one pixel in square degrees. */
    public double pixelAreaDeg2() {
        return 4 * Math.PI / npix() * Math.toDegrees(1) * Math.toDegrees(1);
    }

    /**
     * The largest distance in degrees from any pixel's centre to its corners (healpix_cxx {@code max_pixrad}):
     * 1.902602° at nside 32. A cone of this radius around a pixel centre covers the pixel.
     */
    public double maxPixRadDeg() {
        double[] va = zPhiVector(TWO_THIRDS, Math.PI / (4 * nside));
        double t1 = 1.0 - 1.0 / nside;
        t1 *= t1;
        double[] vb = zPhiVector(1 - t1 / 3, 0);
        return Math.toDegrees(SkyMath.angleRad(va, 0, vb, 0));
    }

    /** The pixel containing (ra, dec), in degrees. RA may be any finite value; Dec must be in [−90, 90]. */
    public long ang2pix(double raDeg, double decDeg) {
        if (!(decDeg >= -90 && decDeg <= 90) || !Double.isFinite(raDeg)) {
            throw new TasniException("HEALPix ang2pix: invalid position (ra " + raDeg + ", dec " + decDeg
                    + "); expected finite ra and dec in [-90, 90].");
        }
        // healpy's lonlat convention: theta = pi/2 - radians(dec), phi = radians(ra)
        double theta = HALF_PI - Math.toRadians(decDeg);
        double phi = Math.toRadians(raDeg);
        double z = Math.cos(theta);
        if (theta < 0.01 || theta > 3.14159 - 0.01) {
            return loc2pix(z, phi, Math.sin(theta), true);
        }
        return loc2pix(z, phi, 0, false);
    }

    private long loc2pix(double z, double phi, double sth, boolean haveSth) {
        double za = Math.abs(z);
        double tt = fmodulo(phi / HALF_PI, 4.0);
        if (za <= TWO_THIRDS) {
            double temp1 = nside * (0.5 + tt);
            double temp2 = nside * (z * 0.75);
            long jp = (long) (temp1 - temp2);
            long jm = (long) (temp1 + temp2);
            long ifp = jp >> order;
            long ifm = jm >> order;
            int face = (int) ((ifp == ifm) ? (ifp | 4) : ((ifp < ifm) ? ifp : (ifm + 8)));
            long ix = jm & (nside - 1);
            long iy = nside - (jp & (nside - 1)) - 1;
            return xyf2nest(ix, iy, face);
        }
        int ntt = Math.min(3, (int) tt);
        double tp = tt - ntt;
        double tmp = (za < 0.99 || !haveSth) ? nside * Math.sqrt(3 * (1 - za)) : nside * sth / Math.sqrt((1.0 + za) / 3.0);
        long jp = Math.min((long) (tp * tmp), nside - 1);
        long jm = Math.min((long) ((1.0 - tp) * tmp), nside - 1);
        return z > 0 ? xyf2nest(nside - jm - 1, nside - jp - 1, ntt) : xyf2nest(jp, jm, ntt + 8);
    }

    /** The centre of a pixel as {ra, dec} in degrees. */
    public double[] pix2ang(long pix) {
        double[] out = new double[2];
        pix2ang(pix, out);
        return out;
    }

    /** Writes the centre of a pixel into {@code out[0]} (ra) and {@code out[1]} (dec), in degrees. */
    public void pix2ang(long pix, double[] out) {
        checkPixel(pix);
        int face = (int) (pix >>> (2 * order));
        long local = pix & (npface - 1);
        long ix = compress(local);
        long iy = compress(local >>> 1);
        long jr = ((long) JRLL[face] << order) - ix - iy - 1;
        long nr;
        double z;
        double sth = 0;
        boolean haveSth = false;
        if (jr < nside) {
            nr = jr;
            double tmp = (nr * nr) * fact2;
            z = 1 - tmp;
            if (z > 0.99) {
                sth = Math.sqrt(tmp * (2.0 - tmp));
                haveSth = true;
            }
        } else if (jr > 3 * nside) {
            nr = nside * 4 - jr;
            double tmp = (nr * nr) * fact2;
            z = tmp - 1;
            if (z < -0.99) {
                sth = Math.sqrt(tmp * (2.0 - tmp));
                haveSth = true;
            }
        } else {
            nr = nside;
            z = (2 * nside - jr) * fact1;
        }
        long tmp = (long) JPLL[face] * nr + ix - iy;
        if (tmp < 0) {
            tmp += 8 * nr;
        } else if (tmp >= 8 * nr) {
            tmp -= 8 * nr;
        }
        double phi = (nr == nside) ? 0.75 * HALF_PI * tmp * fact1 : (0.5 * HALF_PI * tmp) / nr;
        double theta = haveSth ? Math.atan2(sth, z) : Math.acos(z);
        out[0] = Math.toDegrees(phi);
        out[1] = 90.0 - Math.toDegrees(theta);
    }

    /**
     * The four corners of a pixel as {ra, dec} pairs in degrees, in the order N, W, S, E (healpix_cxx
     * {@code boundaries} with step 1).
     */
    public double[][] corners(long pix) {
        checkPixel(pix);
        int face = (int) (pix >>> (2 * order));
        long local = pix & (npface - 1);
        double ix = compress(local);
        double iy = compress(local >>> 1);
        double[][] xy = {{ix + 1, iy + 1}, {ix, iy + 1}, {ix, iy}, {ix + 1, iy}};
        double[][] out = new double[4][];
        for (int i = 0; i < 4; i++) {
            out[i] = facePoint(xy[i][0] / nside, xy[i][1] / nside, face);
        }
        return out;
    }

    /**
     * The position {ra, dec} of the point with fractional face coordinates (x, y) ∈ [0, 1]² on base face
     * {@code face} (healpix_cxx {@code xyf2loc}).
     */
    private static double[] facePoint(double x, double y, int face) {
        double jr = JRLL[face] - x - y;
        double nr;
        double z;
        double sth = 0;
        boolean haveSth = false;
        if (jr < 1) {
            nr = jr;
            double tmp = nr * nr / 3.0;
            z = 1 - tmp;
            if (z > 0.99) {
                sth = Math.sqrt(tmp * (2.0 - tmp));
                haveSth = true;
            }
        } else if (jr > 3) {
            nr = 4 - jr;
            double tmp = nr * nr / 3.0;
            z = tmp - 1;
            if (z < -0.99) {
                sth = Math.sqrt(tmp * (2.0 - tmp));
                haveSth = true;
            }
        } else {
            nr = 1;
            z = (2 - jr) * 2.0 / 3.0;
        }
        double tmp = JPLL[face] * nr + x - y;
        if (tmp < 0) {
            tmp += 8;
        }
        if (tmp >= 8) {
            tmp -= 8;
        }
        double phi = (nr < 1e-15) ? 0 : (0.5 * HALF_PI * tmp) / nr;
        double theta = haveSth ? Math.atan2(sth, z) : Math.acos(z);
        return new double[] {SkyMath.normalizeRa(Math.toDegrees(phi)), 90.0 - Math.toDegrees(theta)};
    }

    /**
     * The 8 neighbours of a pixel in healpy's order SW, W, NW, N, NE, E, SE, S. Where a base-face corner has only
     * 7 neighbours, the missing one is −1.
     */
    public long[] neighbours(long pix) {
        checkPixel(pix);
        int face = (int) (pix >>> (2 * order));
        long local = pix & (npface - 1);
        long ix = compress(local);
        long iy = compress(local >>> 1);
        long[] result = new long[8];
        long nsm1 = nside - 1;
        if (ix > 0 && ix < nsm1 && iy > 0 && iy < nsm1) {
            for (int m = 0; m < 8; m++) {
                result[m] = xyf2nest(ix + NB_X[m], iy + NB_Y[m], face);
            }
            return result;
        }
        for (int i = 0; i < 8; i++) {
            long x = ix + NB_X[i];
            long y = iy + NB_Y[i];
            int region = 4;
            if (x < 0) {
                x += nside;
                region -= 1;
            } else if (x >= nside) {
                x -= nside;
                region += 1;
            }
            if (y < 0) {
                y += nside;
                region -= 3;
            } else if (y >= nside) {
                y -= nside;
                region += 3;
            }
            int f = NB_FACE[region][face];
            if (f < 0) {
                result[i] = -1;
                continue;
            }
            int bits = NB_SWAP[region][face >> 2];
            if ((bits & 1) != 0) {
                x = nside - x - 1;
            }
            if ((bits & 2) != 0) {
                y = nside - y - 1;
            }
            if ((bits & 4) != 0) {
                long t = x;
                x = y;
                y = t;
            }
            result[i] = xyf2nest(x, y, f);
        }
        return result;
    }

    /**
     * The pixels that overlap a disc, sorted ascending. Conservative: every pixel that has a point within the
     * disc is returned, and a few that only come close may be too.
     *
     * <p>It descends the nested hierarchy from the 12 base pixels and keeps a pixel while its centre lies within
     * radius + (the order's {@link #maxPixRadDeg()}, padded by 1%) of the disc centre, so the cost grows with the
     * number of pixels returned, not with npix.
     *
     * @param radiusDeg radius in degrees, ≥ 0; 180 or more returns every pixel
     */
    public long[] queryDisc(double raDeg, double decDeg, double radiusDeg) {
        if (!(radiusDeg >= 0)) {
            throw new TasniException("HEALPix queryDisc: radius must be >= 0 degrees (got " + radiusDeg + ").");
        }
        SkyMath.checkPosition(raDeg, decDeg, "HEALPix queryDisc centre");
        if (radiusDeg >= 180) {
            long[] all = new long[Math.toIntExact(npix())];
            Arrays.setAll(all, i -> i);
            return all;
        }
        double[] centre = SkyMath.toVector(raDeg, decDeg);
        double[] bound = new double[order + 1];
        for (int k = 0; k <= order; k++) {
            bound[k] = Math.toRadians(radiusDeg + 1.01 * Healpix.order(k).maxPixRadDeg());
        }
        LongArrayList out = new LongArrayList();
        double[] v = new double[3];
        double[] radec = new double[2];
        Healpix[] levels = new Healpix[order + 1];
        for (int k = 0; k <= order; k++) {
            levels[k] = Healpix.order(k);
        }
        for (long base = 0; base < 12; base++) {
            descend(levels, 0, base, centre, bound, out, v, radec);
        }
        long[] r = out.toLongArray();
        Arrays.sort(r);
        return r;
    }

    private void descend(Healpix[] levels, int k, long pix, double[] centre, double[] bound, LongArrayList out,
            double[] v, double[] radec) {
        levels[k].pix2ang(pix, radec);
        SkyMath.toVector(radec[0], radec[1], v, 0);
        if (SkyMath.angleRad(centre, 0, v, 0) > bound[k]) {
            return;
        }
        if (k == order) {
            out.add(pix);
            return;
        }
        for (long c = 4 * pix; c < 4 * pix + 4; c++) {
            descend(levels, k + 1, c, centre, bound, out, v, radec);
        }
    }

    /** The pixel at order {@code parentOrder} that contains this scheme's pixel {@code pix}. */
    public long parent(long pix, int parentOrder) {
        if (parentOrder > order || parentOrder < 0) {
            throw new TasniException("HEALPix parent order must be in [0, " + order + "] (got " + parentOrder + ").");
        }
        return pix >>> (2 * (order - parentOrder));
    }

    private void checkPixel(long pix) {
        if (pix < 0 || pix >= 12 * npface) {
            throw new TasniException("HEALPix pixel " + pix + " is outside [0, " + (12 * npface) + ") at nside "
                    + nside + ".");
        }
    }

    private long xyf2nest(long ix, long iy, int face) {
        return ((long) face << (2 * order)) + spread(ix) + (spread(iy) << 1);
    }

    /** Puts bit b of v (v &lt; 2^32) at bit 2b. */
    static long spread(long v) {
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        v = (v | (v << 1)) & 0x5555555555555555L;
        return v;
    }

    /** Inverse of {@link #spread}: gathers the even bits of v. */
    static long compress(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }

    /** healpix_cxx {@code fmodulo}: v1 mod v2 in [0, v2). */
    private static double fmodulo(double v1, double v2) {
        if (v1 >= 0) {
            return v1 < v2 ? v1 : v1 % v2;
        }
        double tmp = v1 % v2 + v2;
        return tmp == v2 ? 0.0 : tmp;
    }

    private static double[] zPhiVector(double z, double phi) {
        double sth = Math.sqrt((1.0 - z) * (1.0 + z));
        return new double[] {sth * Math.cos(phi), sth * Math.sin(phi), z};
    }

    /** One line, e.g. "Healpix[nside=32, NESTED]". */
    @Override
    public String toString() {
        return "Healpix[nside=" + nside + ", NESTED]";
    }
}
