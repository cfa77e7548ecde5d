package org.tasni.spark;

import java.io.Serializable;

/**
 * One partition of a HEALPix-partitioned catalogue: a NESTED pixel at an order, with the number of rows whose
 * position is in it (margin rows not counted), as HATS's {@code partition_info.csv} lists it.
 *
 * @param order HEALPix order k (nside 2^k), HATS's {@code Norder}
 * @param pixel NESTED pixel number at that order, HATS's {@code Npix}
 * @param rows  rows whose position is in the pixel
 */
public record Pixel(int order, long pixel, long rows) implements Serializable, Comparable<Pixel> {

    /** HATS's directory bucket: pixels are grouped by ten thousands ({@code Dir=20000} holds 20000–29999). */
    public long dir() {
        return pixel / 10_000 * 10_000;
    }

    /** The relative path of the pixel's directory in a dataset: {@code Norder=k/Dir=d/Npix=p}. */
    public String path() {
        return "Norder=" + order + "/Dir=" + dir() + "/Npix=" + pixel;
    }

    /** True if this pixel contains the order-29 pixel {@code healpix29} (HATS's {@code _healpix_29} value). */
    public boolean contains(long healpix29) {
        return healpix29 >>> (2 * (29 - order)) == pixel;
    }

    /** True if one of the two pixels contains the other (or they are the same pixel). */
    public boolean overlaps(Pixel o) {
        Pixel coarse = order <= o.order ? this : o, fine = coarse == this ? o : this;
        return fine.pixel >>> (2 * (fine.order - coarse.order)) == coarse.pixel;
    }

    /** Ordered by order, then pixel. */
    @Override
    public int compareTo(Pixel o) {
        return order != o.order ? Integer.compare(order, o.order) : Long.compare(pixel, o.pixel);
    }
}
