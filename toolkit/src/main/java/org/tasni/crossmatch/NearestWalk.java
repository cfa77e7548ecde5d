package org.tasni.crossmatch;

/**
 * The nearest-neighbour search of one thread: the {@link ZoneWalk} with the tie rule (8) and the stopping rule (9).
 * Mirrored by {@code zone_nearest.cu}.
 */
final class NearestWalk extends ZoneWalk {

    /** The best match of the last {@link #nearest} call: right row and sorted position (−1 if none), chord², arcsec. */
    int bestRow;
    int bestPos;
    double bestChord2;
    double bestSepArcsec;

    NearestWalk(ZoneIndex idx) {
        super(idx);
    }

    /** Finds the nearest indexed point to (ra, dec), however far: the search widens from R until one is found. */
    void nearest(double ra, double dec, double radiusArcsec) {
        setQuery(ra, dec);
        bestRow = -1;
        bestPos = -1;
        bestChord2 = Double.POSITIVE_INFINITY;
        bestSepArcsec = Double.POSITIVE_INFINITY;
        if (idx.size() == 0) {
            return;
        }
        double r = radiusArcsec / 3600.0;
        while (true) {
            walk(ra, dec, r);
            if (bestPos >= 0) {
                double sep = angleArcsec(bestPos);
                // | not ||: the second test is reached only by a point found in the padding beyond r, so rarely that
                // the compiled code would leave it out, and throw itself away when it happens
                if (sep <= r * 3600.0 | r >= MAX_RADIUS_DEG) {
                    bestSepArcsec = sep;
                    return;
                }
            }
            if (r >= MAX_RADIUS_DEG) {
                return;
            }
            r = nextRadius(r, idx.zoneHeightDeg);
        }
    }

    @Override
    void scan(int p, int q) {
        final double[] v = idx.xyz;
        for (int k = p; k < q; k++) {
            double dx = v[3 * k] - qx, dy = v[3 * k + 1] - qy, dz = v[3 * k + 2] - qz;
            double c2 = dx * dx + dy * dy + dz * dz;
            if (c2 > maxChord2 || c2 > bestChord2 * (1 + NEAR_TIE)) {
                continue;
            }
            if (bestPos < 0 || c2 < bestChord2 * (1 - NEAR_TIE)) {
                bestPos = k;
                bestRow = idx.row[k];
                bestChord2 = c2;
            } else {
                // a near-tie in chord: decide on the exact angle, then on the lower right row
                double a = angleArcsec(k), b = angleArcsec(bestPos);
                if (a < b || (a == b && idx.row[k] < bestRow)) {
                    bestPos = k;
                    bestRow = idx.row[k];
                    bestChord2 = Math.min(c2, bestChord2);
                }
            }
        }
    }
}
