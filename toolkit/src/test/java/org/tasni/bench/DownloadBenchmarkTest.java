package org.tasni.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The download benchmark runs, and the server never sees more requests in a second than the limiter allows. */
class DownloadBenchmarkTest {

    @Test
    void windowsAreCountedExactly() {
        long s = 1_000_000_000L;
        assertEquals(3, DownloadBenchmark.maxInWindow(new java.util.ArrayList<>(List.of(0L, s / 2, s - 1, s, 3 * s)), s));
        assertEquals(1, DownloadBenchmark.maxInWindow(new java.util.ArrayList<>(List.of(0L, s, 2 * s)), s));
        assertEquals(0, DownloadBenchmark.maxInWindow(new java.util.ArrayList<>(), s));
    }

    @Test
    void theRateLimitHoldsAtEveryConcurrency(@TempDir Path dir) throws Exception {
        Table t = new DownloadBenchmark(DownloadBenchmark.Options.defaults().withLatencyMs(10).withRate(20).withTiles(30).withConcurrency(1, 8)).run(dir);
        assertEquals(2, t.rowCount());
        for (int i = 0; i < 2; i++) {
            assertEquals(30, t.intColumn("requests").get(i), "one sync query per tile");
            assertTrue(t.intColumn("max_in_1s").get(i) <= 23, "at most r·1 s + burst in any second: " + t.print());
        }
    }
}
