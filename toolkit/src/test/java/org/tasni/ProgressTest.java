package org.tasni;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tasni.notebook.NotebookProgress;

/** The threading contract of {@link Progress}: totals in order from many threads, thread-safe displays, the default. */
class ProgressTest {

    /** Records every call; not synchronized itself, so the counter's lock is what keeps it consistent. */
    private static final class Recorder implements Progress {
        final List<Long> seen = new ArrayList<>();
        long total = -1;
        int done;

        @Override
        public void onStart(String task, long total) {
            this.total = total;
        }

        @Override
        public void onProgress(long done) {
            seen.add(done);
        }

        @Override
        public void onDone() {
            done++;
        }
    }

    @Test
    void aCounterHandsTotalsOverInOrderFromManyThreads() throws Exception {
        Recorder r = new Recorder();
        int threads = 8, each = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Progress.Counter c = Progress.Counter.start(r, "units", (long) threads * each * 2)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        c.add(2);
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            assertEquals((long) threads * each * 2, c.done());
        }
        assertEquals(32000, r.total);
        assertEquals(threads * each, r.seen.size());
        for (int i = 0; i < r.seen.size(); i++) {
            assertEquals(2L * (i + 1), r.seen.get(i), "report " + i);
        }
        assertEquals(1, r.done);
    }

    @Test
    void theNotebookDisplayPrintsEachQuarterOnceWhateverTheOrder() throws Exception {
        var out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            NotebookProgress p = new NotebookProgress();
            p.onStart("tiles", 400);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 1; i <= 400; i++) {
                long done = i;
                pool.submit(() -> p.onProgress(done)); // out of order on purpose
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            p.onProgress(100); // lower than seen: ignored
            p.onDone();
            p.onDone(); // a second end prints nothing
        } finally {
            System.setOut(old);
        }
        String[] lines = out.toString().split("\n");
        assertEquals(4, lines.length, out.toString());
        assertTrue(lines[0].startsWith("tiles: ") && lines[0].contains("(25%)"), lines[0]);
        assertTrue(lines[1].contains("(50%)"), lines[1]);
        assertTrue(lines[2].contains("(75%)"), lines[2]);
        assertTrue(lines[3].startsWith("tiles: done, 400 in "), lines[3]);
    }

    @Test
    void theDefaultIsNothingUntilTheNotebookGlueSetsIt() {
        try {
            Progress.setDefault(null);
            assertSame(Progress.NONE, Progress.byDefault());
            NotebookProgress.useByDefault();
            Progress a = Progress.byDefault(), b = Progress.byDefault();
            assertInstanceOf(NotebookProgress.class, a);
            assertNotSame(a, b, "each run gets its own display");
        } finally {
            Progress.setDefault(null);
        }
    }

    @Test
    void threadsAreCheckedOneWay() {
        assertEquals(3, Threads.check(3));
        assertEquals(Threads.MAX, Threads.check(Threads.MAX, "threads"));
        var e = assertThrows(TasniException.class, () -> Threads.check(0));
        assertEquals("threads must be ≥ 1 (got 0).", e.getMessage());
        e = assertThrows(TasniException.class, () -> Threads.check(-2, "concurrency"));
        assertEquals("concurrency must be ≥ 1 (got -2).", e.getMessage());
        e = assertThrows(TasniException.class, () -> Threads.check(40000));
        assertEquals("threads must be ≤ 4096 (got 40000).", e.getMessage());
    }
}
