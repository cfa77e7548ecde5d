package org.tasni.crossmatch;

import java.util.Arrays;

/**
 * What the nearest search found, per left row: the nearest right row ({@code -1} when the row was dropped or the right
 * side is empty) and its separation in arcsec (NaN for a dropped row, +∞ for an empty right side).
 */
record NearestMatches(int[] row, double[] sep) {

    /** Runs {@code kernel}'s nearest search for the usable left rows of {@code in}. */
    static NearestMatches search(MatchKernel kernel, ZoneIndex idx, MatchInput in, double radiusArcsec) {
        int[] row = new int[in.lra.length];
        double[] sep = new double[in.lra.length];
        Arrays.fill(row, -1);
        Arrays.fill(sep, Double.NaN);
        kernel.nearest(idx, in.lra, in.ldec, in.leftRows, radiusArcsec, row, sep);
        return new NearestMatches(row, sep);
    }
}
