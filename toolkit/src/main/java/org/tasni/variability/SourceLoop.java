package org.tasni.variability;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs a body over every source in a pool of a given number of threads, in blocks of sources so that each block
 * reuses one {@link Exposures}.
 */
final class SourceLoop {

    /** What is done for one source, with the calling thread's working arrays. */
    @FunctionalInterface
    interface Body {
        void run(int source, Exposures x);
    }

    private static final int BLOCK = 256;

    private final int threads;

    SourceLoop(int threads) {
        this.threads = threads;
    }

    void forEach(int sources, Body body) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            int blocks = (sources + BLOCK - 1) / BLOCK;
            pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
                Exposures x = new Exposures();
                for (int k = b * BLOCK; k < Math.min(sources, (b + 1) * BLOCK); k++) {
                    body.run(k, x);
                }
            })).join();
        } finally {
            pool.shutdown();
        }
    }
}
