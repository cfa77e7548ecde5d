package org.tasni.crossmatch;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tasni.sky.SkyMath;

/**
 * The right-hand catalogue sorted into declination zones and, within a zone, by RA: the index both backends search.
 *
 * <p>Zones are {@code h} degrees tall. A query of radius r visits the zones that overlap [δ − r, δ + r] and, in each,
 * binary-searches the RA window α ± asin(sin r / cos δ) (split at the 0/360 wrap; the whole zone near a pole): the
 * rules of {@link ZoneWalk}, written there once. Candidates
 * are tested on unit vectors, so there is no flat-sky approximation anywhere. This is the zones algorithm of Gray et
 * al. 2006 (arXiv:cs/0701171), written by hand because no Maven Central library matches on the sphere.
 *
 * <p>The height h is chosen from the catalogue's density so that an unmatched source usually finds its nearest
 * neighbour in one search of radius h (2.5 mean neighbour distances), while a search of the match radius still
 * touches one or two zones. Building costs a counting sort by zone and a primitive sort per zone.
 *
 * <p>Arrays are public to the package so that the GPU backend can copy them to the device as they are.
 */
final class ZoneIndex {

    /** RA keys: RA quantised to 2^40 steps of 360° (3.3e-10°, 1.2 µas), well below any window padding. */
    static final double RA_KEY_SCALE = (double) (1L << 40) / 360.0;

    final double zoneHeightDeg;
    final int nZones;
    /** Rows of zone z are [zoneStart[z], zoneStart[z + 1]). */
    final int[] zoneStart;
    /** Per sorted row: RA key, unit vector (x, y, z interleaved: one cache line per candidate), caller's row index. */
    final long[] raKey;
    final double[] xyz;
    final int[] row;
    /**
     * A coarse table per zone that narrows a key lookup to a few rows: zone z's keys span [keyMin[z], …] in buckets of
     * width bucketWidth[z]; bucket b of zone z starts at sorted row buckets[bucketOff[z] + b].
     */
    private final long[] keyMin;
    private final long[] bucketWidth;
    private final int[] bucketOff;
    private final int[] buckets;

    private ZoneIndex(double h, int[] zoneStart, long[] raKey, double[] xyz, int[] row, Buckets b) {
        this.zoneHeightDeg = h;
        this.nZones = zoneStart.length - 1;
        this.zoneStart = zoneStart;
        this.raKey = raKey;
        this.xyz = xyz;
        this.row = row;
        this.keyMin = b.keyMin;
        this.bucketWidth = b.width;
        this.bucketOff = b.off;
        this.buckets = b.start;
    }

    /** The coarse key tables of every zone: laid out before the zones are sorted, filled in zone by zone after. */
    private static final class Buckets {
        final long[] keyMin, width;
        final int[] off, start;

        /** The layout: zone z of m rows gets max(1, m/4) buckets (about 4 rows each), plus an end marker. */
        Buckets(int[] zoneStart) {
            int nZones = zoneStart.length - 1;
            keyMin = new long[nZones];
            width = new long[nZones];
            off = new int[nZones + 1];
            for (int zi = 0; zi < nZones; zi++) {
                int m = zoneStart[zi + 1] - zoneStart[zi];
                off[zi + 1] = off[zi] + (m == 0 ? 0 : Math.max(1, m / 4) + 1);
                if (m == 0) {
                    // every key is ≤ it: lowerBound answers an empty zone's start without its (absent) table, so
                    // that ZoneWalk needs no test for an empty zone
                    keyMin[zi] = Long.MAX_VALUE;
                }
            }
            start = new int[off[nZones]];
        }

        /** Fills zone zi's table from its sorted keys {@code raKey[s .. e)} (a non-empty zone). */
        void fill(int zi, int s, int e, long[] raKey) {
            int nb = Math.max(1, (e - s) / 4);
            keyMin[zi] = raKey[s];
            width[zi] = (raKey[e - 1] - raKey[s]) / nb + 1;
            int k = s;
            for (int b = 0; b <= nb; b++) {
                long edge = keyMin[zi] + b * width[zi];
                while (k < e && raKey[k] < edge) {
                    k++;
                }
                start[off[zi] + b] = k;
            }
        }
    }

    int size() {
        return row.length;
    }

    static long raKey(double raDeg) {
        return (long) (SkyMath.normalizeRa(raDeg) * RA_KEY_SCALE);
    }

    static int zoneOf(double decDeg, double h, int nZones) {
        int zi = (int) ((decDeg + 90.0) / h);
        return Math.min(nZones - 1, Math.max(0, zi));
    }

    /**
     * Builds the index over the rows whose position is finite (the caller drops and counts the others).
     *
     * @param minHeightDeg the zone height is at least this (the match radius, so an R-search spans ≤ 2 zones)
     */
    static ZoneIndex build(double[] ra, double[] dec, int[] rows, double minHeightDeg, ForkJoinPool pool) {
        int n = rows.length;
        double h = Math.min(1.0, Math.max(minHeightDeg, 2.5 * meanNeighbourDistanceDeg(ra, dec, rows)));
        int nZones = (int) Math.ceil(180.0 / h);
        // The passes over all rows are methods of their own (one loop each), here and in the gather: the first call
        // runs each such loop once, so it is compiled while it runs (on-stack replacement), and C2 compiles a method
        // of one loop in a fraction of the time it takes over this whole method, while the loop runs slower code
        int[] zoneOfRow = new int[n];
        int[] count = new int[nZones + 1];
        zonesOf(dec, rows, h, nZones, zoneOfRow, count);
        for (int zi = 0; zi < nZones; zi++) {
            count[zi + 1] += count[zi];
        }
        int[] zoneStart = count.clone();
        // rows and positions gathered in zone order in one pass over the input: the per-zone work below then reads
        // memory zone by zone instead of jumping through ra and dec at random (a cache miss per row and coordinate,
        // which was most of the build's time at 1.7M rows). They are gathered into the index's own arrays, each zone
        // into its own part of them, which the zone's sort then overwrites (after copying the zone out to its
        // thread's scratch): three arrays of one entry per row were 34 MB of fresh memory at 1.7M rows, which this
        // machine's hypervisor makes slow to touch for the first time
        long[] raKey = new long[n];
        double[] xyz = new double[3 * n];
        int[] sortedRow = new int[n];
        gatherIntoIndex(ra, dec, rows, zoneOfRow, Arrays.copyOf(count, nZones), zoneStart, sortedRow, raKey, xyz);
        Buckets table = new Buckets(zoneStart);
        int[] cut = zoneCuts(zoneStart, Math.max(1, Math.min(nZones, pool.getParallelism() * 8)));
        pool.submit(() -> IntStream.range(0, cut.length - 1).parallel().forEach(c -> {
            ZoneSort sort = new ZoneSort();
            for (int zi = cut[c]; zi < cut[c + 1]; zi++) {
                int m = zoneStart[zi + 1] - zoneStart[zi];
                if (m > 0) {
                    sortZone(zi, zoneStart[zi], m, sort, raKey, xyz, sortedRow);
                    table.fill(zi, zoneStart[zi], zoneStart[zi + 1], raKey);
                }
            }
        })).join();
        return new ZoneIndex(h, zoneStart, raKey, xyz, sortedRow, table);
    }

    /**
     * The zone of each row ({@code zoneOfRow[k]} for {@code rows[k]}), counted in {@code count[zone + 1]}: for the
     * index's rows here, and for the queries' in {@link CpuKernel}.
     */
    static void zonesOf(double[] dec, int[] rows, double h, int nZones, int[] zoneOfRow, int[] count) {
        for (int k = 0; k < rows.length; k++) {
            int zi = zoneOf(dec[rows[k]], h, nZones);
            zoneOfRow[k] = zi;
            count[zi + 1]++;
        }
    }

    /**
     * Rows and their positions into zone order: zone z's next place is {@code fill[z]} (advanced as rows go in). The
     * queries' order in {@link CpuKernel}.
     */
    static void gather(double[] ra, double[] dec, int[] rows, int[] zoneOfRow, int[] fill, int[] byZone,
            double[] zRa, double[] zDec) {
        for (int k = 0; k < rows.length; k++) {
            int at = fill[zoneOfRow[k]]++, r = rows[k];
            byZone[at] = r;
            zRa[at] = ra[r];
            zDec[at] = dec[r];
        }
    }

    /**
     * The index's rows into zone order as {@link #gather} puts the queries', into the index's own arrays (see
     * {@link #sortZone}): the row to {@code row[at]}, its RA's bits to {@code raKey[at]}, its Dec to
     * {@code xyz[2 s + at]} for a zone starting at s, so that zone z's Decs lie at the start of its own part of xyz,
     * {@code [3 s, 3 e)}.
     */
    static void gatherIntoIndex(double[] ra, double[] dec, int[] rows, int[] zoneOfRow, int[] fill, int[] zoneStart,
            int[] row, long[] raKey, double[] xyz) {
        for (int k = 0; k < rows.length; k++) {
            int zi = zoneOfRow[k], at = fill[zi]++, r = rows[k];
            row[at] = r;
            raKey[at] = Double.doubleToRawLongBits(ra[r]);
            xyz[2 * zoneStart[zi] + at] = dec[r];
        }
    }

    /**
     * Zone boundaries that split the rows into about {@code chunks} equal runs: chunk c is zones [cut[c], cut[c + 1]).
     * Equal runs of zones would not do: a field of a few degrees occupies a few of the 180° of zones, and one chunk
     * would hold every row (one thread would build the whole index).
     */
    static int[] zoneCuts(int[] zoneStart, int chunks) {
        int nZones = zoneStart.length - 1;
        long n = zoneStart[nZones];
        int[] cut = new int[chunks + 1];
        for (int c = 1; c < chunks; c++) {
            long target = c * n / chunks;
            int lo = cut[c - 1], hi = nZones;
            while (lo < hi) { // the first zone that starts at or after the target row
                int mid = (lo + hi) >>> 1;
                if (zoneStart[mid] < target) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            cut[c] = lo;
        }
        cut[chunks] = nZones;
        return cut;
    }

    /**
     * Sorts zone {@code zi} (m rows from {@code s}, as {@link #gatherIntoIndex} left them: rows in {@code sortedRow},
     * RA bits in {@code raKey}, Decs at {@code xyz[3 s ..]}) by RA key, in place: the zone is copied to the sort's
     * scratch first, so only its own part of each array is read and written, and zones are sorted in parallel. The low
     * bits of each sort key carry the position within the zone, so one primitive sort ({@link ZoneSort}) suffices for
     * a zone of up to {@link ZoneSort#MAX_ROWS} rows, the usual zone by far; a larger one is sorted by
     * {@link #sortLargeZone}. One call per zone, not one loop over all zones, so that the JIT compiles it early in the
     * first call.
     */
    static void sortZone(int zi, int s, int m, ZoneSort sort, long[] raKey, double[] xyz, int[] sortedRow) {
        ZoneSort.Zone z = sort.copy(raKey, xyz, sortedRow, s, m);
        if (m > ZoneSort.MAX_ROWS) {
            sortLargeZone(s, m, z, raKey, xyz, sortedRow);
            return;
        }
        long[] tmp = sort.sort(z.ra(), 0, m);
        for (int k = 0; k < m; k++) {
            int j = (int) (tmp[k] & ZoneSort.MAX_ROWS), at = s + k;
            sortedRow[at] = z.row()[j];
            raKey[at] = tmp[k] >>> ZoneSort.PLACE_BITS;
            SkyMath.toVector(z.ra()[j], z.dec()[j], xyz, 3 * at);
        }
    }

    /**
     * {@link #sortZone} for a zone of more than {@link ZoneSort#MAX_ROWS} rows, whose places do not fit its sort
     * keys: a zone of a large radius (zones are at least R high, at most 1°) over a dense catalogue, a Gaia band of 1°
     * holding about 10M sources, or millions of rows at one Dec. An index sort, by RA key and then place, as the keys'
     * order is.
     */
    static void sortLargeZone(int s, int m, ZoneSort.Zone z, long[] raKey, double[] xyz, int[] sortedRow) {
        long[] key = new long[m];
        int[] order = new int[m];
        for (int k = 0; k < m; k++) {
            key[k] = raKey(z.ra()[k]);
            order[k] = k;
        }
        IntArrays.quickSort(order, (a, b) -> key[a] != key[b] ? Long.compare(key[a], key[b]) : Integer.compare(a, b));
        for (int k = 0; k < m; k++) {
            int j = order[k], at = s + k;
            sortedRow[at] = z.row()[j];
            raKey[at] = key[j];
            SkyMath.toVector(z.ra()[j], z.dec()[j], xyz, 3 * at);
        }
    }

    /**
     * The mean distance to the nearest neighbour, 0.5/√ρ degrees, with the density ρ estimated from the occupied
     * cells of a 0.5° grid (a subsample of about 20,000 rows suffices to mark the occupied area).
     */
    static double meanNeighbourDistanceDeg(double[] ra, double[] dec, int[] rows) {
        if (rows.length < 2) {
            return 1.0;
        }
        int step = Math.max(1, rows.length / 20_000);
        long[] cells = new long[(rows.length + step - 1) / step];
        int n = 0;
        for (int k = 0; k < rows.length; k += step) {
            long band = (long) Math.floor((dec[rows[k]] + 90) / 0.5);
            cells[n++] = band * 1000 + (long) Math.floor(SkyMath.normalizeRa(ra[rows[k]]) / 0.5);
        }
        Arrays.sort(cells, 0, n);
        double areaDeg2 = 0;
        for (int k = 0; k < n; k++) {
            if (k > 0 && cells[k] == cells[k - 1]) {
                continue;
            }
            long band = cells[k] / 1000;
            double lo = Math.toRadians(band * 0.5 - 90), hi = Math.toRadians(Math.min(90, band * 0.5 - 89.5));
            // a 0.5° × 0.5° cell: Δα (sin δ_hi − sin δ_lo) steradians, in deg²
            areaDeg2 += 0.5 * (Math.sin(hi) - Math.sin(lo)) * Math.toDegrees(1);
        }
        double density = rows.length / Math.max(areaDeg2, 1e-12);
        return 0.5 / Math.sqrt(density);
    }

    /** First sorted position of zone zi whose RA key is ≥ key, at or after {@code from}; an empty zone's start. */
    int lowerBound(int zi, int from, long key) {
        int s = zoneStart[zi], e = zoneStart[zi + 1];
        if (key <= keyMin[zi]) {
            return Math.max(from, s);
        }
        long b = (key - keyMin[zi]) / bucketWidth[zi];
        int nb = bucketOff[zi + 1] - bucketOff[zi] - 1;
        if (b >= nb) {
            return Math.max(from, binarySearch(buckets[bucketOff[zi] + nb], e, key));
        }
        int lo = buckets[bucketOff[zi] + (int) b], hi = buckets[bucketOff[zi] + (int) b + 1];
        return Math.max(from, binarySearch(lo, hi, key));
    }

    private int binarySearch(int from, int to, long key) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (raKey[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
