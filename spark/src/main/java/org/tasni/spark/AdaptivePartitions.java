package org.tasni.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tasni.TasniException;

/**
 * HATS's adaptive partitioning: from a histogram of rows per pixel at a fine order, the coarsest pixels that hold at
 * most {@code maxRows} rows each, found top-down from the 12 base pixels: a pixel with more rows is split into its 4
 * children, down to the histogram's order (where a pixel may exceed {@code maxRows}: it cannot be split further).
 * Pixels without rows are not partitions.
 */
final class AdaptivePartitions {

    private AdaptivePartitions() {}

    /**
     * The partitions, by order then pixel.
     *
     * @param order   the histogram's HEALPix order
     * @param pixels  non-empty pixels at {@code order}, ascending
     * @param counts  rows in each of them
     * @param maxRows the most rows a partition should hold
     */
    static List<Pixel> of(int order, long[] pixels, long[] counts, long maxRows) {
        if (!(maxRows >= 1)) {
            throw new TasniException("max rows per partition must be >= 1 (got " + maxRows + ").");
        }
        long[] cumulative = new long[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            cumulative[i + 1] = cumulative[i] + counts[i];
        }
        List<Pixel> out = new ArrayList<>();
        for (long base = 0; base < 12; base++) {
            split(0, base, order, pixels, cumulative, maxRows, out);
        }
        out.sort(null);
        return out;
    }

    private static void split(int k, long pix, int order, long[] pixels, long[] cumulative, long maxRows, List<Pixel> out) {
        int shift = 2 * (order - k);
        // the histogram pixels under pix form one run in the sorted array: [pix << shift, (pix + 1) << shift)
        int from = lowerBound(pixels, pix << shift), to = lowerBound(pixels, (pix + 1) << shift);
        long rows = cumulative[to] - cumulative[from];
        if (rows == 0) {
            return;
        }
        if (rows <= maxRows || k == order) {
            out.add(new Pixel(k, pix, rows));
            return;
        }
        for (long c = 0; c < 4; c++) {
            split(k + 1, 4 * pix + c, order, pixels, cumulative, maxRows, out);
        }
    }

    private static int lowerBound(long[] a, long key) {
        int i = Arrays.binarySearch(a, key);
        return i >= 0 ? i : -i - 1;
    }
}
