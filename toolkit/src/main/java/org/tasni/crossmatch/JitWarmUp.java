package org.tasni.crossmatch;

import java.util.SplittableRandom;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * A small simulated crossmatch run on one background thread while a command reads its inputs, so that the JIT has
 * compiled the match's loops (vectors, index, query, output) before the real match starts: a fresh process's first
 * match otherwise runs its first tenths of a second in the interpreter and C1's code while C2 compiles. It costs the
 * reads some CPU (both cores are busy there), so it pays only for inputs large enough that the match is long.
 * Measured on the benchmark's 694,718 × 1,692,773 case, 2 cores: the whole {@code crossmatch} process 1.81 s against
 * 1.93 s (median of 11 alternating pairs, per-pair ratio 0.94), and 1.53 s against 1.60 s (15 pairs, 0.96) an hour
 * later on a faster machine; in six alternating runs the match 0.49–0.54 s
 * against 0.52–0.65 s, the left read 0.30–0.38 s against 0.33–0.44 s. A larger warm-up (10,000 sources, five
 * rounds) made the match no faster and slowed the left read (0.35–0.47 s against 0.29–0.37 s).
 *
 * <p>Why this shape: the first half of the left catalogue has a counterpart within an arcsec and the right one has
 * more sources around them, at about half the benchmark's densities of AllWISE and Gaia, so that every branch the
 * real match takes (matched, orphan, a zone's neighbours) has run; ra, dec and a long id, the columns the match reads.
 * Its results are thrown away, nothing is printed, and a failure is ignored: the real match runs and reports on its
 * own either way.
 */
final class JitWarmUp {

    /** Left sources per simulated match, and the matches run: enough for C2 to compile the hot loops (measured). */
    private static final int LEFT = 5_000, ROUNDS = 3;

    private JitWarmUp() {}

    /**
     * The largest radius warmed up, arcsec: the same code runs at any radius, but the simulated field's pairs grow as
     * its square (at 600″, {@code all} took 22 s and 0.56 GB beside the real match).
     */
    private static final double MAX_ARCSEC = 10;

    /** Starts the warm-up of {@code mode} at radius {@code arcsec} on a daemon thread and returns. */
    static void start(MatchMode mode, double arcsec) {
        // Tablesaw's column types are set up here, on the calling thread, and the tables made: its column type classes
        // initialise one another (ColumnType's fields and each type's class), and a first column made on two threads
        // at once, the warm-up's and the command's read, deadlocked both for good (26 of 40 fresh JVMs in a repro)
        ColumnType.values.size();
        Table left = catalogue(LEFT, 0, 1), right = catalogue(LEFT * 5 / 2, LEFT / 2, 2);
        CrossMatcher xm = CrossMatcher.radius(Math.min(arcsec, MAX_ARCSEC)).threads(1);
        Thread t = new Thread(() -> {
            try {
                for (int k = 0; k < ROUNDS; k++) {
                    xm.match(mode, left, right);
                }
            } catch (Throwable ignored) {
                // only a warm-up: the real match meets and reports whatever went wrong here
            }
        }, "tasni-crossmatch-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * n sources in a 0.7° × 0.7° field at Dec 20 (about 10,000 per deg² for the left side's 5,000); the first
     * {@code near} of them within about an arcsec of the left catalogue's first sources (same seed 1), the rest random.
     */
    private static Table catalogue(int n, int near, long seed) {
        SplittableRandom own = new SplittableRandom(seed), left = new SplittableRandom(1);
        double[] ra = new double[n], dec = new double[n];
        long[] id = new long[n];
        for (int i = 0; i < n; i++) {
            if (i < near) {
                // the left catalogue's i-th position (drawn from the same sequence), moved by up to an arcsec
                ra[i] = 150 + left.nextDouble(0.7) + own.nextDouble(-1, 1) / 3600;
                dec[i] = 20 + left.nextDouble(0.7) + own.nextDouble(-1, 1) / 3600;
            } else {
                ra[i] = 150 + own.nextDouble(0.7);
                dec[i] = 20 + own.nextDouble(0.7);
            }
            id[i] = i;
        }
        return Table.create("warm-up", DoubleColumn.create("ra", ra), DoubleColumn.create("dec", dec),
                LongColumn.create("source_id", id));
    }
}
