package org.tasni.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.sky.Healpix;
import org.tasni.sky.TileMargin;

/**
 * Which partition a row is in, and the margins it belongs to, from its {@code _healpix_29} alone. The partitions
 * cover the non-empty sky without overlap, so at most one contains a row.
 *
 * <p>Margins follow {@link TileMargin}'s rule: a row is in the margin of a partition when its pixel at the margin's
 * fine order ({@link TileMargin#fineOrder}), or one of that pixel's 8 neighbours, lies in the partition. Every row
 * within the margin angle is kept (a few a little farther), which is all correctness needs.
 */
final class PartitionLookup implements Serializable {

    private final int[] orders;
    /** For each entry of {@code orders}, its partitions' pixels, ascending. */
    private final long[][] pixels;
    private final int fineOrder;
    private transient Healpix fine;

    /**
     * @throws TasniException if a partition is finer than the margin's fine order (its margin would be incomplete)
     */
    PartitionLookup(List<Pixel> partitions, double marginArcsec) {
        this.orders = partitions.stream().mapToInt(Pixel::order).distinct().sorted().toArray();
        this.pixels = new long[orders.length][];
        for (int k = 0; k < orders.length; k++) {
            int o = orders[k];
            pixels[k] = partitions.stream().filter(p -> p.order() == o).mapToLong(Pixel::pixel).sorted().toArray();
        }
        this.fineOrder = TileMargin.fineOrder(marginArcsec);
        if (orders.length > 0 && orders[orders.length - 1] > fineOrder) {
            throw new TasniException("a partition at order " + orders[orders.length - 1] + " is finer than the margin of "
                    + marginArcsec + " arcsec allows (order " + fineOrder + "); use a smaller margin or more rows per partition.");
        }
    }

    /** Key of a partition in one long: the order in the top 8 bits, the pixel below (order ≤ 20 pixels fit in 44 bits). */
    static long key(int order, long pixel) {
        return (long) order << 56 | pixel;
    }

    static int orderOf(long key) {
        return (int) (key >>> 56);
    }

    static long pixelOf(long key) {
        return key & ((1L << 56) - 1);
    }

    /** The key of the partition containing {@code healpix29}, or −1 if none does. */
    long partitionOf(long healpix29) {
        for (int k = 0; k < orders.length; k++) {
            long p = healpix29 >>> (2 * (29 - orders[k]));
            if (Arrays.binarySearch(pixels[k], p) >= 0) {
                return key(orders[k], p);
            }
        }
        return -1;
    }

    /** The keys of the partitions, other than its own, whose margin holds the row at {@code healpix29}. */
    long[] marginsOf(long healpix29) {
        if (fine == null) {
            fine = Healpix.order(fineOrder);
        }
        long own = partitionOf(healpix29);
        long q = healpix29 >>> (2 * (29 - fineOrder));
        long[] nb = fine.neighbours(q);
        long[] out = new long[0];
        for (int k = 0; k < orders.length; k++) {
            int shift = 2 * (fineOrder - orders[k]);
            for (int j = -1; j < nb.length; j++) {
                long c = j < 0 ? q : nb[j];
                if (c < 0) {
                    continue;
                }
                long p = c >>> shift, key = key(orders[k], p);
                if (key != own && Arrays.binarySearch(pixels[k], p) >= 0 && !contains(out, key)) {
                    out = Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = key;
                }
            }
        }
        return out;
    }

    private static boolean contains(long[] a, long v) {
        for (long x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
