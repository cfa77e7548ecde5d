package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tasni.sky.Healpix;

/** The partitioning rules without Spark: adaptive splitting and margin membership, against hand-made cases. */
class SparkPartitionRulesTest {

    @Test
    void aPixelOverTheMaximumIsSplitAndEmptyPixelsAreNoPartitions() {
        // order-1 histogram: base pixel 0 holds 4 × 5 rows (over 10: split); base 1 holds 3 (kept at order 0);
        // base 2 holds 11 in one child (split: one order-1 partition of 11, as order 1 is the finest here)
        long[] pix = {0, 1, 2, 3, 4, 9};
        long[] counts = {5, 5, 5, 5, 3, 11};
        assertEquals(List.of(new Pixel(0, 1, 3), new Pixel(1, 0, 5), new Pixel(1, 1, 5), new Pixel(1, 2, 5),
                new Pixel(1, 3, 5), new Pixel(1, 9, 11)), AdaptivePartitions.of(1, pix, counts, 10));
    }

    @Test
    void pixelsKnowTheirDirectoryAndTheirAncestors() {
        Pixel p = new Pixel(5, 24_176, 1);
        assertEquals("Norder=5/Dir=20000/Npix=24176", p.path());
        assertTrue(p.overlaps(new Pixel(3, 24_176 / 16, 1)));
        assertTrue(new Pixel(3, 24_176 / 16, 1).overlaps(p));
        assertFalse(p.overlaps(new Pixel(3, 24_176 / 16 + 1, 1)));
        assertTrue(p.contains(24_176L << (2 * 24)));
    }

    @Test
    void aRowNearABorderIsInTheNeighboursMarginOnly() {
        // two order-5 partitions side by side; a row 20″ inside one, next to their shared edge
        Healpix o5 = Healpix.order(5), o29 = Healpix.order(29);
        long a = 6045;
        long b = java.util.Arrays.stream(o5.neighbours(a)).filter(n -> n >= 0).findFirst().orElseThrow();
        PartitionLookup lookup = new PartitionLookup(List.of(new Pixel(5, Math.min(a, b), 1), new Pixel(5, Math.max(a, b), 1)), 60);
        double[] ca = o5.pix2ang(a), cb = o5.pix2ang(b);
        // walk from a's centre towards b's until the position changes pixel, then step back 20″
        double ra = ca[0], dec = ca[1];
        for (double t = 0; t < 1; t += 1e-5) {
            double r = ca[0] + (cb[0] - ca[0]) * t, d = ca[1] + (cb[1] - ca[1]) * t;
            if (o5.ang2pix(r, d) != a) {
                break;
            }
            ra = r;
            dec = d;
        }
        long h = o29.ang2pix(ra, dec);
        assertEquals(PartitionLookup.key(5, a), lookup.partitionOf(h));
        assertArrayEquals(new long[] {PartitionLookup.key(5, b)}, lookup.marginsOf(h));
        // the centre of a is far from b: in no margin
        assertArrayEquals(new long[0], lookup.marginsOf(o29.ang2pix(ca[0], ca[1])));
    }
}
