package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** Epochs per target from a loopback service serving the sample epochs: whole light curves, checkpointed with data. */
class NeowiseEpochsTest {

    @Test
    void everyExposureOfEveryTargetAndNoRefetchOnResume(@TempDir Path dir) throws Exception {
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Table targets = TableIO.read("../data-samples/targets.parquet").inRange(0, 12);
        try (ConeServer s = new ConeServer(epochs)) {
            NeowiseEpochs n = NeowiseEpochs.at(s.base()).forTargets(targets).checkpoint(dir).concurrency(3)
                    .client(TapClient.of(s.base()).retry(new RetryPolicy(4, 0.05, 0.2, 10))
                            .rateLimiter(new RateLimiter(1000, 10, RateLimiter.SYSTEM)));
            s.faults.add(FaultServer.Fault.TRUNCATED);
            s.faults.add(FaultServer.Fault.E503_RETRY_AFTER);
            Table got = n.run();
            assertEquals(java.util.List.of(), n.failures());
            for (int i = 0; i < targets.rowCount(); i++) {
                String d = targets.stringColumn("designation").get(i);
                Table want = epochs.where(epochs.stringColumn("designation").isEqualTo(d));
                Table have = got.where(got.stringColumn("designation").isEqualTo(d));
                assertEquals(want.rowCount(), have.rowCount(), d + ": every exposure, no TOP");
                assertEquals(new java.util.HashSet<>(want.doubleColumn("mjd").asList()),
                        new java.util.HashSet<>(have.doubleColumn("mjd").asList()), d);
                assertEquals(targets.doubleColumn("ra").get(i), have.doubleColumn("target_ra").get(0));
            }
            assertTrue(got.columnNames().containsAll(java.util.List.of("qual_frame", "qi_fact", "saa_sep", "moon_masked",
                    "cc_flags", "nb", "na")));
            // resume: only the target whose checkpoint is gone is fetched again
            int before = s.results.get();
            String first = targets.stringColumn("designation").get(0);
            Files.delete(dir.resolve(ConeEpochs.checkpointName(first, targets.doubleColumn("ra").get(0),
                    targets.doubleColumn("dec").get(0))));
            Table again = n.run();
            assertEquals(1, s.results.get() - before);
            assertEquals(got.rowCount(), again.rowCount());
            // checkpoints of a 3″ cone are not reused for a 5″ one
            var e = assertThrows(org.tasni.TasniException.class, () -> n.radius(5).run());
            assertTrue(e.getMessage().contains("radius=3.0″") && e.getMessage().contains("radius=5.0″"), e.getMessage());
        }
    }
}
