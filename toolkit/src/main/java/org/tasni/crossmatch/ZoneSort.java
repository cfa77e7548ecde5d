package org.tasni.crossmatch;

import java.util.Arrays;

/**
 * The sort of one zone of a {@link ZoneIndex} by RA key: a counting sort into about as many buckets as rows, then an
 * insertion sort that only has to order each bucket's few rows. Linear for the near-uniform RA of a zone where
 * {@link Arrays#sort(long[], int, int)} is m log m; and a loop this small is compiled by the JIT within the first
 * call, where the library's sort is a large method compiled late. Rows bunched at one RA (a bucket of more than
 * {@link #MAX_BUCKET}) go to the library's sort, so the worst case stays m log m.
 *
 * <p>One object per thread: it keeps its scratch arrays between zones.
 */
final class ZoneSort {

    /**
     * Low bits of a sort key that carry the row's place in its zone: a zone of up to {@link #MAX_ROWS} rows is sorted
     * here, and the RA key (40 bits, {@link ZoneIndex#RA_KEY_SCALE}) fills the rest of the 63.
     */
    static final int PLACE_BITS = 23;
    /** The most rows of a zone this sort takes: larger ones are sorted by {@link ZoneIndex#sortLargeZone}. */
    static final int MAX_ROWS = (1 << PLACE_BITS) - 1;

    /** Rows in one bucket above which the insertion sort would cost more than the library's sort. */
    static final int MAX_BUCKET = 32;

    private long[] key = new long[0], out = new long[0];
    private int[] count = new int[0];
    /** The least and the greatest key of the last {@link #keys} pass. */
    private long keyLo, keyHi;
    /** A zone copied out of the index's arrays by {@link #copy}. */
    private double[] ra = new double[0], dec = new double[0];
    private int[] row = new int[0];

    /** A zone's positions and rows, in this object's scratch, valid until the next call (arrays may be longer). */
    record Zone(double[] ra, double[] dec, int[] row) {}

    /**
     * Copies out the zone of m rows from s that {@link ZoneIndex#gatherIntoIndex} left in the index's arrays: RA bits
     * at {@code raKey[s ..]}, Decs at {@code xyz[3 s ..]}, rows at {@code row[s ..]}; the index then writes over them.
     */
    Zone copy(long[] raKey, double[] xyz, int[] rows, int s, int m) {
        if (ra.length < m) {
            ra = new double[m];
            dec = new double[m];
            row = new int[m];
        }
        copyRa(raKey, s, m);
        System.arraycopy(xyz, 3 * s, dec, 0, m);
        System.arraycopy(rows, s, row, 0, m);
        return new Zone(ra, dec, row);
    }

    private void copyRa(long[] raKey, int s, int m) {
        final double[] ra = this.ra;
        for (int k = 0; k < m; k++) {
            ra[k] = Double.longBitsToDouble(raKey[s + k]);
        }
    }

    /**
     * The zone's m RA keys of {@code ra[s .. s+m)}, as values {@code key << PLACE_BITS | k} (k: the row's place in the
     * zone, at most {@link #MAX_ROWS}), sorted ascending (by key, then k) in the returned array's first m entries. The
     * array is this object's scratch, valid until the next call.
     *
     * <p>Each pass is a method of its own with one loop: the JIT compiles a small method of one loop in a few
     * milliseconds, where one method of five loops took C2 about as long as the whole index build of the first call
     * (and a trap in one loop threw away the compiled code of all five).
     */
    long[] sort(double[] ra, int s, int m) {
        if (key.length < m) {
            key = new long[m];
            out = new long[m];
            count = new int[m + 1];
        }
        keys(ra, s, m);
        long lo = keyLo, hi = keyHi;
        int shift = 0;
        while (((hi - lo) >>> shift) >= m) {
            shift++;
        }
        int buckets = (int) ((hi - lo) >>> shift) + 1; // at most m
        count(m, lo, shift, buckets);
        int widest = prefixSums(buckets);
        scatter(m, lo, shift);
        if (widest > MAX_BUCKET) {
            Arrays.sort(out, 0, m);
            return out;
        }
        insertionSort(m);
        return out;
    }

    /** The RA keys into {@code key[0 .. m)}, their least and greatest into {@link #keyLo} and {@link #keyHi}. */
    private void keys(double[] ra, int s, int m) {
        final long[] key = this.key;
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (int k = 0; k < m; k++) {
            long v = ZoneIndex.raKey(ra[s + k]);
            key[k] = v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        keyLo = lo;
        keyHi = hi;
    }

    /** {@code count[b + 1]}: the keys in bucket b, of {@code buckets}. */
    private void count(int m, long lo, int shift, int buckets) {
        final long[] key = this.key;
        final int[] count = this.count;
        Arrays.fill(count, 0, buckets + 1, 0);
        for (int k = 0; k < m; k++) {
            count[(int) ((key[k] - lo) >>> shift) + 1]++;
        }
    }

    /** {@code count[b]} becomes bucket b's first place; returns the largest bucket's size. */
    private int prefixSums(int buckets) {
        final int[] count = this.count;
        int widest = 0;
        for (int b = 0; b < buckets; b++) {
            widest = Math.max(widest, count[b + 1]);
            count[b + 1] += count[b];
        }
        return widest;
    }

    /** Each {@code key << PLACE_BITS | k} into its bucket's next place in {@code out}, in k order within a bucket. */
    private void scatter(int m, long lo, int shift) {
        final long[] key = this.key, out = this.out;
        final int[] count = this.count;
        for (int k = 0; k < m; k++) {
            out[count[(int) ((key[k] - lo) >>> shift)]++] = key[k] << PLACE_BITS | k;
        }
    }

    /**
     * Buckets are in key order: only rows within a bucket can be out of order, at most MAX_BUCKET places apart. The
     * inner loop counts j down to 1 and leaves at the first key ≤ v: written as {@code while (j >= 0 && out[j] > v)}
     * it compiled with a loop limit check that failed in the first call, and the sort was compiled again.
     */
    private void insertionSort(int m) {
        final long[] out = this.out;
        for (int i = 1; i < m; i++) {
            long v = out[i];
            int j = i;
            for (; j > 0; j--) {
                long u = out[j - 1];
                if (u <= v) {
                    break;
                }
                out[j] = u;
            }
            out[j] = v;
        }
    }
}
