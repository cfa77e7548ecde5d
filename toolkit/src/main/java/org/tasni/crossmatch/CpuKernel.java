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

    @Override
    public void nearest(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, int[] outRow,
            double[] outSep) {
        int blocks = (rows.length + BLOCK - 1) / BLOCK;
        pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
            NearestWalk s = new NearestWalk(idx);
            for (int k = b * BLOCK, end = Math.min(rows.length, k + BLOCK); k < end; k++) {
                int i = rows[k];
                s.nearest(ra[i], dec[i], radiusArcsec);
                outRow[i] = s.bestRow;
                outSep[i] = s.bestSepArcsec;
            }
        })).join();
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
