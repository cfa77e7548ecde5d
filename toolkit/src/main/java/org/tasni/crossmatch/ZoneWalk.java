package org.tasni.crossmatch;

import org.tasni.sky.SkyMath;

/**
 * The one walk over a {@link ZoneIndex} that every search runs, with its rules written once. The nearest search
 * ({@link NearestWalk}) and the all-pairs search ({@link PairWalk}) differ only in what they do with each run of
 * candidates ({@link #scan}); the CUDA kernel {@code src/main/cuda/zone_nearest.cu} mirrors this class and
 * {@link NearestWalk} line for line, with the same names, and {@code CudaWalkPortTest} checks the two against each
 * other on the CPU.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li><b>Padding.</b> A search of radius r degrees examines every point within
 *       {@code rPad = r (1 + SLACK) + PAD_DEG}, so rounding in the window arithmetic never loses a point at r.</li>
 *   <li><b>Zone window.</b> Zones {@code zoneOf(δ − rPad)} to {@code zoneOf(δ + rPad)}, clamped to the sphere.</li>
 *   <li><b>RA window.</b> α ± w with w = x/√(1 − x²) degrees, x = sin(rPad)/cos δ: an upper bound on asin x, the exact
 *       half-width, that needs no trigonometry per query.</li>
 *   <li><b>Poles.</b> When |δ| + rPad ≥ {@code POLE_DEG} or x ≥ {@code WIDE}, the window is the whole zone.</li>
 *   <li><b>Wrap.</b> A window below 0° or at or above 360° is split into two key ranges: [key(lo + 360), end of zone)
 *       and [start of zone, key(hi)], or [key(lo), end) and [start, key(hi − 360)].</li>
 *   <li><b>Prefilter.</b> A candidate is looked at only if its squared chord is ≤ {@code maxChord2}, the chord of rPad
 *       widened by {@code SLACK}.</li>
 *   <li><b>Separation.</b> The angle between unit vectors, atan2(|a×b|, a·b), in arcsec; a separation ≤ R is a match.</li>
 *   <li><b>Tie rule</b> (nearest). A smaller chord by more than {@code NEAR_TIE} (relative) wins outright; a near-tie
 *       is decided on the exact separation, then the lower right row wins, so the result depends neither on the order
 *       of the index nor on the number of threads.</li>
 *   <li><b>Stopping rule</b> (nearest). Search radius R first; stop when the best point so far lies within the searched
 *       radius (every point within it was examined, so it is the global nearest) or the radius is 180°; else the
 *       next radius is the zone height h, then double the last, at most 180°.</li>
 * </ol>
 *
 * <p>A walk object is one thread's scratch: the query's unit vector and the geometry of the last radius. It is not
 * thread-safe; each block of queries gets its own.
 */
abstract class ZoneWalk {

    /** Relative slack on the chord prefilter and window padding, far above rounding error and far below 1 µas. */
    static final double SLACK = 1e-9;
    /** Absolute padding of a search radius, degrees. */
    static final double PAD_DEG = 1e-9;
    /** Relative difference in squared chord under which two candidates are a near-tie (rule 8). */
    static final double NEAR_TIE = 1e-12;
    /** |δ| + rPad at or above this (degrees), the RA window is the whole zone (rule 4). */
    static final double POLE_DEG = 89.999;
    /** sin(rPad)/cos δ at or above this, the RA window is the whole zone (rule 4). */
    static final double WIDE = 0.7;
    /** Largest search radius, degrees. */
    static final double MAX_RADIUS_DEG = 180;
    /** An upper key bound meaning "to the end of the zone". */
    static final long END = Long.MAX_VALUE;

    final ZoneIndex idx;
    /** The query: unit vector and cos δ, from {@link #setQuery}. */
    double qx, qy, qz, cosDec;
    // the geometry of the last search radius (rules 1, 3 and 6), reused by the next query with the same radius
    private double cachedR = Double.NaN;
    double rPad, sinRPad, maxChord2;

    ZoneWalk(ZoneIndex idx) {
        this.idx = idx;
    }

    /** Sets the query's unit vector; the GPU host uses it too, so both backends start from the same bits. */
    final void setQuery(double ra, double dec) {
        double a = Math.toRadians(ra), d = Math.toRadians(dec), cd = Math.cos(d);
        qx = cd * Math.cos(a);
        qy = cd * Math.sin(a);
        qz = Math.sin(d);
        cosDec = cd;
    }

    /** Rule 7: the separation in arcsec between the query and sorted position {@code pos}. */
    final double angleArcsec(int pos) {
        double bx = idx.xyz[3 * pos], by = idx.xyz[3 * pos + 1], bz = idx.xyz[3 * pos + 2];
        double cx = qy * bz - qz * by, cy = qz * bx - qx * bz, cz = qx * by - qy * bx;
        return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), qx * bx + qy * by + qz * bz) * SkyMath.ARCSEC_PER_RAD;
    }

    /** Rules 1 and 6: the padded radius and the chord prefilter of a search of radius {@code rDeg}. */
    final void radius(double rDeg) {
        if (rDeg != cachedR) {
            cachedR = rDeg;
            rPad = rDeg * (1 + SLACK) + PAD_DEG;
            sinRPad = Math.sin(Math.toRadians(Math.min(90, rPad)));
            double c = 2 * Math.sin(Math.toRadians(Math.min(MAX_RADIUS_DEG, rPad)) / 2);
            maxChord2 = c * c * (1 + SLACK);
        }
    }

    /** Rule 9: the radius after {@code rDeg} when nothing was found within it. */
    static double nextRadius(double rDeg, double zoneHeightDeg) {
        return Math.min(MAX_RADIUS_DEG, rDeg < zoneHeightDeg ? zoneHeightDeg : 2 * rDeg);
    }

    /**
     * Rules 3 and 4: an upper bound in degrees on the RA half-width of a circle of radius r at declination δ, or 360
     * when the circle reaches a pole. The exact half-width is asin(x) with x = sin r / cos δ; tan(asin x) = x/√(1−x²) ≥
     * asin x needs no trigonometry given sin r and cos δ, and is within 0.01% of it for windows under 1°.
     */
    static double raHalfWidthDeg(double decDeg, double cosDec, double rDeg, double sinR) {
        if (Math.abs(decDeg) + rDeg >= POLE_DEG) {
            return 360;
        }
        double x = sinR / cosDec;
        return x >= WIDE ? 360 : Math.toDegrees(x / Math.sqrt(1 - x * x));
    }

    /**
     * Rules 1 to 5: hands every run of sorted positions that may hold a point within {@code rDeg} of the query
     * ({@link #setQuery} first) to {@link #scan}.
     */
    final void walk(double ra, double dec, double rDeg) {
        radius(rDeg);
        int zLo = ZoneIndex.zoneOf(dec - rPad, idx.zoneHeightDeg, idx.nZones);
        int zHi = ZoneIndex.zoneOf(dec + rPad, idx.zoneHeightDeg, idx.nZones);
        double half = raHalfWidthDeg(dec, cosDec, rPad, sinRPad);
        // No test for an empty zone: its scans are empty ranges (ZoneIndex.lowerBound answers its start at once), and
        // such a branch, seen rarely (a search past the catalogue's edge), is compiled as never taken and then taken,
        // which throws away the compiled walk in the first call. The bound is exclusive (zHi + 1) for the same reason:
        // an inclusive one compiles with a loop limit check that was seen to fail and recompile
        for (int zi = zLo, zEnd = zHi + 1; zi < zEnd; zi++) {
            int s = idx.zoneStart[zi], e = idx.zoneStart[zi + 1];
            if (half >= 180) {
                scan(s, e);
                continue;
            }
            double lo = ra - half, hi = ra + half;
            if (lo < 0) {
                scanKeys(zi, ZoneIndex.raKey(lo + 360), END);
                scanKeys(zi, 0, ZoneIndex.raKey(hi));
            } else if (hi >= 360) {
                scanKeys(zi, ZoneIndex.raKey(lo), END);
                scanKeys(zi, 0, ZoneIndex.raKey(hi - 360));
            } else {
                scanKeys(zi, ZoneIndex.raKey(lo), ZoneIndex.raKey(hi));
            }
        }
    }

    /** The sorted positions of zone {@code zi} with keyLo ≤ key ≤ keyHi ({@link #END}: to the end of the zone). */
    private void scanKeys(int zi, long keyLo, long keyHi) {
        int p = idx.lowerBound(zi, 0, keyLo), e = idx.zoneStart[zi + 1], q = p;
        if (keyHi == END) {
            q = e;
        } else {
            // the window's end by a walk, not a second lookup: a window holds a few rows (scan then reads each of
            // them anyway), and the lookup's division and binary search cost more than the walk. zone_nearest.cu
            // finds the same position with a second binary search
            final long[] key = idx.raKey;
            while (q < e && key[q] <= keyHi) {
                q++;
            }
        }
        scan(p, q);
    }

    /** Looks at sorted positions {@code [p, q)}: rule 6 first, then what the search keeps. */
    abstract void scan(int p, int q);
}
