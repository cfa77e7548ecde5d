package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

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
import tech.tablesaw.api.Table;

/**
 * The Spark crossmatch of data-samples equals the CPU backend's on the union of the tiles, row for row: orphans,
 * nearest and all pairs, with Gaia propagated from 2016.0 to 2010.5, on partitions small enough (a few hundred rows)
 * that the four tiles are cut into dozens of partitions at several orders.
 */
class SparkSamplesTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static PartitionedCatalog wise, gaia;
    static Table wiseAll, gaiaAll;
    static final CrossMatcher XM = CrossMatcher.radius(3).propagate(2016.0, 2010.5);

    @BeforeAll
    static void partition() {
        spark = LocalSpark.start("local[2]");
        List<Path> w = HealpixPartitioner.expand(List.of(LocalSpark.SAMPLES)).stream()
                .filter(p -> p.getFileName().toString().startsWith("wise_")).toList();
        List<Path> g = HealpixPartitioner.expand(List.of(LocalSpark.SAMPLES)).stream()
                .filter(p -> p.getFileName().toString().startsWith("gaia_")).toList();
        HealpixPartitioner hp = HealpixPartitioner.of(spark).maxRows(1500).marginArcsec(35);
        long t0 = System.nanoTime();
        wise = hp.partition(w, dir.resolve("wise"));
        long t1 = System.nanoTime();
        gaia = hp.maxRows(4000).partition(g, dir.resolve("gaia"));
        System.out.printf("partitioned: wise %d partitions in %.1f s, gaia %d in %.1f s%n", wise.partitions().size(),
                (t1 - t0) / 1e9, gaia.partitions().size(), (System.nanoTime() - t1) / 1e9);
        wiseAll = TableIO.read(w);
        gaiaAll = TableIO.read(g);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void partitionsAreAdaptiveAndCountEveryRow() {
        assertEquals(wiseAll.rowCount(), wise.rows());
        assertEquals(gaiaAll.rowCount(), gaia.rows());
        assertTrue(wise.partitions().size() >= 16, "partitions: " + wise.partitions().size());
        assertTrue(wise.partitions().stream().mapToInt(Pixel::order).distinct().count() >= 2, "several orders");
        assertTrue(wise.partitions().stream().allMatch(p -> p.rows() <= 1500), "at most maxRows rows each");
        assertEquals(wise, PartitionedCatalog.open(dir.resolve("wise")), "the metadata reads back");
    }

    @Test
    void orphansEqualTheCpuBackend() {
        compare(MatchMode.ORPHANS);
    }

    @Test
    void nearestEqualsTheCpuBackend() {
        compare(MatchMode.NEAREST);
    }

    @Test
    void allPairsEqualTheCpuBackend() {
        compare(MatchMode.ALL);
    }

    private static void compare(MatchMode mode) {
        Table cpu = XM.run(mode, wiseAll, gaiaAll);
        Path out = dir.resolve("out-" + mode.label());
        SparkMatchReport r = SparkCrossMatch.of(spark, XM).run(mode, wise, gaia, out);
        Table sp = SparkCrossMatch.read(out);
        System.out.println(r);
        assertEquals(cpu.rowCount(), r.nOut(), r.toString());
        Tables.assertSameRows(cpu, sp);
    }
}
