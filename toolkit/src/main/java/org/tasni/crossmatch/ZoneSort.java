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

    /** Rows in one bucket above which the insertion sort would cost more than the library's sort. */
    static final int MAX_BUCKET = 32;

    private long[] key = new long[0], out = new long[0];
    private int[] count = new int[0];

    /**
     * The zone's m RA keys of {@code ra[s .. s+m)}, as values {@code key << 23 | k} (k: the row's place in the zone,
     * below 2^23), sorted ascending (by key, then k) in the returned array's first m entries. The array is this
     * object's scratch, valid until the next call.
     */
    long[] sort(double[] ra, int s, int m) {
        if (key.length < m) {
            key = new long[m];
            out = new long[m];
            count = new int[m + 1];
        }
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (int k = 0; k < m; k++) {
            long v = ZoneIndex.raKey(ra[s + k]);
            key[k] = v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int shift = 0;
        while (((hi - lo) >>> shift) >= m) {
            shift++;
        }
        int buckets = (int) ((hi - lo) >>> shift) + 1; // at most m
        Arrays.fill(count, 0, buckets + 1, 0);
        for (int k = 0; k < m; k++) {
            count[(int) ((key[k] - lo) >>> shift) + 1]++;
        }
        int widest = 0;
        for (int b = 0; b < buckets; b++) {
            widest = Math.max(widest, count[b + 1]);
            count[b + 1] += count[b];
        }
        for (int k = 0; k < m; k++) {
            out[count[(int) ((key[k] - lo) >>> shift)]++] = key[k] << 23 | k;
        }
        if (widest > MAX_BUCKET) {
            Arrays.sort(out, 0, m);
            return out;
        }
        // buckets are in key order: only rows within a bucket can be out of order, at most MAX_BUCKET places apart
        for (int i = 1; i < m; i++) {
            long v = out[i];
            int j = i - 1;
            while (j >= 0 && out[j] > v) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = v;
        }
        return out;
    }
}
