package org.tasni.variability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a body over every source (or every row range) in a pool of a given number of threads, in blocks so that each
 * block of sources reuses one {@link Exposures}. With one thread, or one block, the body runs on the calling thread.
 */
final class SourceLoop {

    /** What is done for one source, with the calling thread's working arrays. */
    @FunctionalInterface
    interface Body {
        void run(int source, Exposures x);
    }

    /** What is done for the rows {@code [from, to)}, and for the range's number. */
    @FunctionalInterface
    interface RangeBody {
        void run(int range, int from, int to);
    }

    private static final int BLOCK = 256;
    /**
     * One pool per thread count, shared by every loop and kept (an idle pool lets its threads go, one a minute on
     * JDK 17, and they do not keep the JVM alive): a pool per loop started and stopped its threads five times per row
     * group of a streamed file (the grouping's passes, the duplicate check, the sources), 300 times in a 30M-row file.
     */
    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();
    /** Rows per range: large enough that a range's overhead vanishes, small enough to spread over the threads. */
    static final int RANGE = 1 << 16;

    private final int threads;

    SourceLoop(int threads) {
        this.threads = threads;
    }

    void forEach(int sources, Body body) {
        run((sources + BLOCK - 1) / BLOCK, b -> {
            Exposures x = new Exposures();
            for (int k = b * BLOCK; k < Math.min(sources, (b + 1) * BLOCK); k++) {
                body.run(k, x);
            }
        });
    }

    /** The number of ranges {@link #forRanges} cuts {@code n} rows into. */
    static int ranges(int n) {
        return (n + RANGE - 1) / RANGE;
    }

    /** Runs {@code body} over {@code [0, n)} cut into {@link #ranges(int)} ranges of {@link #RANGE} rows. */
    void forRanges(int n, RangeBody body) {
        forRanges(n, RANGE, body);
    }

    /** Runs {@code body} over {@code [0, n)} cut into ranges of {@code size}. */
    void forRanges(int n, int size, RangeBody body) {
        run((int) (((long) n + size - 1) / size), r -> body.run(r, r * size, (int) Math.min(n, (long) (r + 1) * size)));
    }

    private void run(int tasks, IntConsumer task) {
        if (threads == 1 || tasks <= 1) {
            for (int b = 0; b < tasks; b++) {
                task.accept(b);
            }
            return;
        }
        POOLS.computeIfAbsent(threads, ForkJoinPool::new)
                .submit(() -> IntStream.range(0, tasks).parallel().forEach(task)).join();
    }
}
