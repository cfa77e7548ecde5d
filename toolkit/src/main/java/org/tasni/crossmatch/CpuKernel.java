package org.tasni.crossmatch;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The {@link MatchKernel} on the CPU: the {@link ZoneWalk} searches in parallel over blocks of left rows in a
 * fork/join pool, on primitive arrays, with one walk object per block and no allocation per query.
 */
final class CpuKernel implements MatchKernel {

    /** Left rows per task: large enough to amortise a task, small enough to balance uneven zones. */
    private static final int BLOCK = 2048;

    private final ForkJoinPool pool;

    /** A kernel that runs in {@code pool} (owned by the caller). */
    CpuKernel(ForkJoinPool pool) {
        this.pool = pool;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The queries run in the index's zone order (a counting sort of the rows by zone, with their positions gathered
     * alongside), so that consecutive queries search the same few zones while these are in cache: in the caller's
     * order each query's zones are a cache miss or two in an index of tens of MB. Results do not depend on the order.
     */
    @Override
    public void nearest(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, int[] outRow,
            double[] outSep) {
        Queries q = Queries.inZoneOrder(idx, ra, dec, rows);
        int blocks = (rows.length + BLOCK - 1) / BLOCK;
        pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
            NearestWalk s = new NearestWalk(idx);
            for (int k = b * BLOCK, end = Math.min(rows.length, k + BLOCK); k < end; k++) {
                s.nearest(q.ra[k], q.dec[k], radiusArcsec);
                int i = q.rows[k];
                outRow[i] = s.bestRow;
                outSep[i] = s.bestSepArcsec;
            }
        })).join();
    }

    /** Left rows and their positions, reordered; {@code ra[k]} and {@code dec[k]} belong to {@code rows[k]}. */
    record Queries(int[] rows, double[] ra, double[] dec) {

        /** {@code rows} sorted by the index's zone of their Dec (stable: in the caller's order within a zone). */
        static Queries inZoneOrder(ZoneIndex idx, double[] ra, double[] dec, int[] rows) {
            int n = rows.length, nZones = idx.nZones;
            int[] zone = new int[n], start = new int[nZones + 1];
            // ZoneIndex.build's two passes over all rows, the same methods: compiled once for both
            ZoneIndex.zonesOf(dec, rows, idx.zoneHeightDeg, nZones, zone, start);
            for (int z = 0; z < nZones; z++) {
                start[z + 1] += start[z];
            }
            int[] sorted = new int[n];
            double[] qra = new double[n], qdec = new double[n];
            ZoneIndex.gather(ra, dec, rows, zone, start, sorted, qra, qdec);
            return new Queries(sorted, qra, qdec);
        }
    }

    @Override
    public PairList within(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec) {
        return within(idx, ra, dec, rows, radiusArcsec, PairList.defaultLimit());
    }

    /** As {@link #within(ZoneIndex, double[], double[], int[], double)}, keeping at most about {@code maxPairs} pairs. */
    PairList within(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, long maxPairs) {
        int blocks = (rows.length + BLOCK - 1) / BLOCK;
        PairList[] parts = new PairList[blocks];
        AtomicLong reserved = new AtomicLong();
        pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
            PairWalk s = new PairWalk(idx);
            PairList out = new PairList(reserved, maxPairs);
            for (int k = b * BLOCK, end = Math.min(rows.length, k + BLOCK); k < end; k++) {
                int i = rows[k];
                s.within(ra[i], dec[i], radiusArcsec, i, out);
            }
            parts[b] = out;
        })).join();
        return PairList.concat(parts);
    }

    @Override
    public void close() {
        // the pool belongs to the caller
    }
}
