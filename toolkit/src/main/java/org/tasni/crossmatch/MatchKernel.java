package org.tasni.crossmatch;

/**
 * The match algorithm, apart from tables and columns: the two searches over a {@link ZoneIndex} of the right
 * catalogue's unit vectors, for left positions given in primitive arrays. After STIL's {@code MatchEngine}: the
 * kernel decides what matches; {@link CrossMatcher} reads columns, drops bad rows and builds the output.
 *
 * <p>Contract, for every implementation:
 * <ol>
 *   <li>The rules of {@link ZoneWalk}: a separation ≤ R is a match, ties go to the lower right row, and the searches
 *       look at every point within their radius.</li>
 *   <li>The results do not depend on the implementation, the number of threads or the order of the rows: CPU and GPU
 *       return the same pairs.</li>
 *   <li>Only left rows listed in {@code rows} are searched; their results are written at that left row's index.</li>
 * </ol>
 * Kernels do not print and do not report progress.
 */
interface MatchKernel extends AutoCloseable {

    /**
     * For each left row {@code i} in {@code rows}: the nearest right row ({@code -1} if the index is empty) and its
     * separation in arcsec (+∞ if none), however far, written to {@code outRow[i]} and {@code outSep[i]}.
     *
     * @param ra           left RA, degrees
     * @param dec          left Dec, degrees
     * @param radiusArcsec the match radius R: the first search radius
     */
    void nearest(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, int[] outRow, double[] outSep);

    /**
     * All pairs within R, as (left row, right row, separation in arcsec) in left order, then right row order.
     *
     * @throws org.tasni.TasniException when the pairs exceed what fits in memory
     */
    PairList within(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec);

    /** Frees what the kernel holds (a GPU context); the CPU kernel holds nothing. */
    @Override
    void close();
}
