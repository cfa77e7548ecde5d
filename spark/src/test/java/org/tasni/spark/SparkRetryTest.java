package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;

/**
 * A task that fails once is retried by Spark ({@code local[2,2]}: two threads, a task may fail twice) and the result
 * is the same: the failure is injected after the task wrote its part, so the retry also rewrites it.
 */
class SparkRetryTest {

    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2,2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() throws Exception {
        List<Path> w = SparkEdgesTest.files(LocalSpark.SAMPLES, TileLayout.WISE).subList(0, 2);
        List<Path> g = SparkEdgesTest.files(LocalSpark.SAMPLES, TileLayout.GAIA);
        HealpixPartitioner hp = HealpixPartitioner.of(spark).marginArcsec(60);
        PartitionedCatalog wise = hp.maxRows(3000).partition(w, dir.resolve("wise"));
        PartitionedCatalog gaia = hp.maxRows(8000).partition(g, dir.resolve("gaia"));
        CrossMatcher xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        Path flag = Files.writeString(dir.resolve("fail-once"), "the first task to find this fails");
        Path out = dir.resolve("out");
        SparkMatchReport r = SparkCrossMatch.of(spark, xm).failingOnce(flag).run(MatchMode.ORPHANS, wise, gaia, out);
        assertFalse(Files.exists(flag), "a task consumed the flag, so one attempt failed");
        assertEquals(wise.partitions().size(), r.tasks().size(), "every task finished once retried");
        Tables.assertSameRows(xm.orphans(TableIO.read(w), TableIO.read(g)), SparkCrossMatch.read(out));
    }
}
