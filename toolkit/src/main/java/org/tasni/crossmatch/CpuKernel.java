package org.tasni.crossmatch;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tasni.sky.SkyMath;

/**
 * The CPU search over a {@link ZoneIndex}: nearest neighbour (unbounded) and all pairs within R, in parallel over
 * blocks of left rows in a fork/join pool, on primitive arrays with no allocation per query.
 *
 * <p>Nearest: search radius R first; if nothing lies within it, radius h (the zone height), then doubling. The nearest
 * point found within a searched radius r is the global nearest, because every point within r was examined. Ties in
 * separation go to the lower right row index, so the result does not depend on the number of threads. Separations
 * are the angle between unit vectors, {@code atan2(|a×b|, a·b)}; a separation exactly equal to R is a match.
 */
final class CpuKernel {

    /** Relative slack on the chord prefilter and window padding, far above rounding error and far below 1 µas. */
    private static final double SLACK = 1e-9;
    private static final int BLOCK = 2048;

    private CpuKernel() {}

    /**
     * For each left row in {@code rows}: the nearest right row ({@code -1} if the index is empty) and its separation in
     * arcsec (+∞ if none), written at that left row's position of {@code outRow} and {@code outSep}.
     */
    static void nearest(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, ForkJoinPool pool,
            int[] outRow, double[] outSep) {
        int blocks = (rows.length + BLOCK - 1) / BLOCK;
        pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
            Search s = new Search(idx);
            for (int k = b * BLOCK, end = Math.min(rows.length, k + BLOCK); k < end; k++) {
                int i = rows[k];
                s.nearest(ra[i], dec[i], radiusArcsec);
                outRow[i] = s.bestRow;
                outSep[i] = s.bestSepArcsec;
            }
        })).join();
    }

    /** All pairs within R, as (left row, right row, separation) triples in left order, then right row order. */
    static PairList within(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, ForkJoinPool pool) {
        return within(idx, ra, dec, rows, radiusArcsec, pool, PairList.defaultLimit());
    }

    /** As above, keeping at most about {@code maxPairs} pairs (a TasniException beyond). */
    static PairList within(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, ForkJoinPool pool,
            long maxPairs) {
        int blocks = (rows.length + BLOCK - 1) / BLOCK;
        PairList[] parts = new PairList[blocks];
        java.util.concurrent.atomic.AtomicLong reserved = new java.util.concurrent.atomic.AtomicLong();
        pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
            Search s = new Search(idx);
            PairList out = new PairList(reserved, maxPairs);
            for (int k = b * BLOCK, end = Math.min(rows.length, k + BLOCK); k < end; k++) {
                int i = rows[k];
                s.within(ra[i], dec[i], radiusArcsec, i, out);
            }
            parts[b] = out;
        })).join();
        return PairList.concat(parts);
    }

    /** One thread's search state: the query's unit vector and the best match so far. */
    static final class Search {
        final ZoneIndex idx;
        double qx, qy, qz, cosDec;
        int bestRow;
        int bestPos;
        double bestChord2;
        double bestSepArcsec;

        Search(ZoneIndex idx) {
            this.idx = idx;
        }

        /** Sets the query's unit vector; the GPU backend uses it too, so both compute it with the same arithmetic. */
        void setQuery(double ra, double dec) {
            double a = Math.toRadians(ra), d = Math.toRadians(dec), cd = Math.cos(d);
            qx = cd * Math.cos(a);
            qy = cd * Math.sin(a);
            qz = Math.sin(d);
            cosDec = cd;
        }

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
                scan(ra, dec, r);
                if (bestPos >= 0) {
                    double sep = angleArcsec(bestPos);
                    if (sep <= r * 3600.0 || r >= 180) {
                        bestSepArcsec = sep;
                        return;
                    }
                }
                if (r >= 180) {
                    return;
                }
                r = Math.min(180, r < idx.zoneHeightDeg ? idx.zoneHeightDeg : 2 * r);
            }
        }

        double angleArcsec(int pos) {
            double bx = idx.xyz[3 * pos], by = idx.xyz[3 * pos + 1], bz = idx.xyz[3 * pos + 2];
            double cx = qy * bz - qz * by, cy = qz * bx - qx * bz, cz = qx * by - qy * bx;
            return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), qx * bx + qy * by + qz * bz) * SkyMath.ARCSEC_PER_RAD;
        }

        // the geometry of the last search radius, reused by the next query with the same radius
        private double cachedR = Double.NaN, rPad, sinRPad, maxChord2;

        private void radius(double rDeg) {
            if (rDeg != cachedR) {
                cachedR = rDeg;
                rPad = rDeg * (1 + SLACK) + 1e-9;
                sinRPad = Math.sin(Math.toRadians(Math.min(90, rPad)));
                double c = 2 * Math.sin(Math.toRadians(Math.min(180, rPad)) / 2);
                maxChord2 = c * c * (1 + SLACK);
            }
        }

        /** Examines every indexed point within r (and a sliver beyond), keeping the nearest. */
        private void scan(double ra, double dec, double rDeg) {
            radius(rDeg);
            int zLo = ZoneIndex.zoneOf(dec - rPad, idx.zoneHeightDeg, idx.nZones);
            int zHi = ZoneIndex.zoneOf(dec + rPad, idx.zoneHeightDeg, idx.nZones);
            double half = ZoneIndex.raHalfWidthDeg(dec, cosDec, rPad, sinRPad);
            for (int zi = zLo; zi <= zHi; zi++) {
                int s = idx.zoneStart[zi], e = idx.zoneStart[zi + 1];
                if (s == e) {
                    continue;
                }
                if (half >= 180) {
                    scanRange(s, e, maxChord2);
                    continue;
                }
                double lo = ra - half, hi = ra + half;
                if (lo < 0) {
                    scanKeys(zi, ZoneIndex.raKey(lo + 360), Long.MAX_VALUE, maxChord2);
                    scanKeys(zi, 0, ZoneIndex.raKey(hi), maxChord2);
                } else if (hi >= 360) {
                    scanKeys(zi, ZoneIndex.raKey(lo), Long.MAX_VALUE, maxChord2);
                    scanKeys(zi, 0, ZoneIndex.raKey(hi - 360), maxChord2);
                } else {
                    scanKeys(zi, ZoneIndex.raKey(lo), ZoneIndex.raKey(hi), maxChord2);
                }
            }
        }

        private void scanKeys(int zi, long keyLo, long keyHi, double maxChord2) {
            int p = idx.lowerBound(zi, 0, keyLo);
            int q = keyHi == Long.MAX_VALUE ? idx.zoneStart[zi + 1] : idx.lowerBound(zi, p, keyHi + 1);
            scanRange(p, q, maxChord2);
        }

        private void scanRange(int p, int q, double maxChord2) {
            final double[] v = idx.xyz;
            for (int k = p; k < q; k++) {
                double dx = v[3 * k] - qx, dy = v[3 * k + 1] - qy, dz = v[3 * k + 2] - qz;
                double c2 = dx * dx + dy * dy + dz * dz;
                if (c2 > maxChord2 || c2 > bestChord2 * (1 + 1e-12)) {
                    continue;
                }
                if (bestPos < 0 || c2 < bestChord2 * (1 - 1e-12)) {
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

        void within(double ra, double dec, double radiusArcsec, int leftRow, PairList out) {
            setQuery(ra, dec);
            radius(radiusArcsec / 3600.0);
            int zLo = ZoneIndex.zoneOf(dec - rPad, idx.zoneHeightDeg, idx.nZones);
            int zHi = ZoneIndex.zoneOf(dec + rPad, idx.zoneHeightDeg, idx.nZones);
            double half = ZoneIndex.raHalfWidthDeg(dec, cosDec, rPad, sinRPad);
            int mark = out.size();
            for (int zi = zLo; zi <= zHi; zi++) {
                int s = idx.zoneStart[zi], e = idx.zoneStart[zi + 1];
                if (s == e) {
                    continue;
                }
                if (half >= 180) {
                    collect(s, e, maxChord2, radiusArcsec, leftRow, out);
                    continue;
                }
                double lo = ra - half, hi = ra + half;
                if (lo < 0) {
                    collectKeys(zi, ZoneIndex.raKey(lo + 360), Long.MAX_VALUE, maxChord2, radiusArcsec, leftRow, out);
                    collectKeys(zi, 0, ZoneIndex.raKey(hi), maxChord2, radiusArcsec, leftRow, out);
                } else if (hi >= 360) {
                    collectKeys(zi, ZoneIndex.raKey(lo), Long.MAX_VALUE, maxChord2, radiusArcsec, leftRow, out);
                    collectKeys(zi, 0, ZoneIndex.raKey(hi - 360), maxChord2, radiusArcsec, leftRow, out);
                } else {
                    collectKeys(zi, ZoneIndex.raKey(lo), ZoneIndex.raKey(hi), maxChord2, radiusArcsec, leftRow, out);
                }
            }
            out.sortRightFrom(mark);
        }

        private void collectKeys(int zi, long keyLo, long keyHi, double maxChord2, double radiusArcsec, int leftRow,
                PairList out) {
            int p = idx.lowerBound(zi, 0, keyLo);
            int q = keyHi == Long.MAX_VALUE ? idx.zoneStart[zi + 1] : idx.lowerBound(zi, p, keyHi + 1);
            collect(p, q, maxChord2, radiusArcsec, leftRow, out);
        }

        private void collect(int p, int q, double maxChord2, double radiusArcsec, int leftRow, PairList out) {
            final double[] v = idx.xyz;
            for (int k = p; k < q; k++) {
                double dx = v[3 * k] - qx, dy = v[3 * k + 1] - qy, dz = v[3 * k + 2] - qz;
                if (dx * dx + dy * dy + dz * dz > maxChord2) {
                    continue;
                }
                double sep = angleArcsec(k);
                if (sep <= radiusArcsec) {
                    out.add(leftRow, idx.row[k], sep);
                }
            }
        }
    }
}
