package org.tasni.crossmatch;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Rows grouped by declination zone, with their positions gathered alongside: the first step of building a
 * {@link ZoneIndex} (the right catalogue) and of ordering the queries (the left one). A counting sort, stable: within
 * a zone the rows keep the caller's order, whatever the number of threads.
 *
 * @param start rows of zone z are [start[z], start[z + 1])
 * @param rows  the caller's row indices, in zone order
 * @param ra    RA of {@code rows[k]}, degrees
 * @param dec   Dec of {@code rows[k]}, degrees
 */
record ZoneGroups(int[] start, int[] rows, double[] ra, double[] dec) {

    /** Rows per chunk below which a second thread costs more than it saves. */
    private static final int MIN_CHUNK = 32_768;
    /** Most entries of the per-chunk zone counts together (a small zone height over the whole sky has many zones). */
    private static final long MAX_COUNTS = 4_000_000;

    /**
     * Groups {@code rows} by the zone of their Dec ({@link ZoneIndex#zoneOf}). The rows are split into contiguous
     * chunks, one per thread: each counts its rows per zone, the counts give every chunk its own slots in each zone
     * (chunk order, so the result is the serial one), and each chunk then copies its rows into them.
     */
    static ZoneGroups of(double[] ra, double[] dec, int[] rows, double h, int nZones, ForkJoinPool pool) {
        int n = rows.length;
        int chunks = (int) Math.max(1, Math.min(Math.min(pool.getParallelism(), n / MIN_CHUNK),
                MAX_COUNTS / (nZones + 1L)));
        int[] zoneOfRow = new int[n];
        int[][] counts = new int[chunks][];
        inParallel(pool, chunks, c -> {
            counts[c] = new int[nZones + 1];
            zonesOf(dec, rows, from(c, chunks, n), from(c + 1, chunks, n), h, nZones, zoneOfRow, counts[c]);
        });
        // counts[c][z + 1] (chunk c's rows in zone z) becomes counts[c][z] (chunk c's first slot in zone z): read
        // before it is overwritten, one zone later
        int[] start = new int[nZones + 1];
        for (int zi = 0; zi < nZones; zi++) {
            int at = start[zi];
            for (int c = 0; c < chunks; c++) {
                int m = counts[c][zi + 1];
                counts[c][zi] = at;
                at += m;
            }
            start[zi + 1] = at;
        }
        int[] byZone = new int[n];
        double[] zRa = new double[n], zDec = new double[n];
        inParallel(pool, chunks, c -> gather(ra, dec, rows, from(c, chunks, n), from(c + 1, chunks, n), zoneOfRow,
                counts[c], byZone, zRa, zDec));
        return new ZoneGroups(start, byZone, zRa, zDec);
    }

    /** The first row of chunk c of {@code chunks} over n rows. */
    private static int from(int c, int chunks, int n) {
        return (int) ((long) c * n / chunks);
    }

    // One loop per method: a match calls these once or twice per chunk, too few calls for C2 at the launcher's raised
    // thresholds, so they are compiled through their loop (on-stack replacement); a method of several loops was
    // compiled once per loop, each time whole, and then left the next loop to C1 code at the first one's exit.

    /** zoneOfRow[k] = the zone of rows[k]; count[z + 1] = rows of [from, to) in zone z. */
    private static void zonesOf(double[] dec, int[] rows, int from, int to, double h, int nZones, int[] zoneOfRow,
            int[] count) {
        for (int k = from; k < to; k++) {
            int zi = ZoneIndex.zoneOf(dec[rows[k]], h, nZones);
            zoneOfRow[k] = zi;
            count[zi + 1]++;
        }
    }

    /** Rows [from, to) and their positions into their zones' slots; {@code fill[z]}: the next slot (advanced here). */
    private static void gather(double[] ra, double[] dec, int[] rows, int from, int to, int[] zoneOfRow, int[] fill,
            int[] byZone, double[] zRa, double[] zDec) {
        for (int k = from; k < to; k++) {
            int at = fill[zoneOfRow[k]]++, r = rows[k];
            byZone[at] = r;
            zRa[at] = ra[r];
            zDec[at] = dec[r];
        }
    }

    /** Runs {@code body} for 0 ≤ i &lt; tasks in {@code pool}, and waits for all of them. */
    static void inParallel(ForkJoinPool pool, int tasks, IntConsumer body) {
        if (tasks == 1) {
            body.accept(0); // in the caller's thread: no hand-over for the small case
            return;
        }
        pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
    }
}
