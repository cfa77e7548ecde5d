package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.cli.Main;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.crossmatch.TiledMatch;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import tech.tablesaw.api.Table;

/**
 * Spark against the single-machine tiled match ({@code crossmatch-tiles}): a simulated area ten times data-samples'
 * (40 nside-32 tiles at its density), and the pipeline's crossmatch phase with {@code run --engine spark}.
 *
 * <p>The orphans are the same rows in the same order. {@code nearest_sep_arcsec} is the same up to the tiled match's
 * 60″ margin; beyond it the tiled match gives an upper bound (the nearest of the rows it read), which Spark's exact
 * value may only undercut.
 */
class SparkTilesTest {

    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void tenTimesTheSamplesAreaEqualsCrossmatchTiles() {
        Path tiles = dir.resolve("tiles");
        long[] forty = LongStream.range(6024, 6064).toArray();
        SkySimulator.of(SkyConfig.defaults().withSeed(42).withDensityScale(0.1)).simulate(forty).writeTiles(tiles);
        CrossMatcher xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        Path tiled = dir.resolve("tiled");
        TiledMatch.of(xm).progress(null).run(tiles, tiled);
        Table expected = TableIO.read(TileLayout.DataFile.ORPHANS.in(tiled));

        List<Path> w = SparkEdgesTest.files(tiles, TileLayout.WISE), g = SparkEdgesTest.files(tiles, TileLayout.GAIA);
        HealpixPartitioner hp = HealpixPartitioner.of(spark);
        PartitionedCatalog wise = hp.maxRows(25_000).partition(w, dir.resolve("wise"));
        PartitionedCatalog gaia = hp.maxRows(60_000).partition(g, dir.resolve("gaia"));
        Path out = dir.resolve("spark");
        SparkMatchReport r = SparkCrossMatch.of(spark, xm).run(MatchMode.ORPHANS, wise, gaia, out);
        System.out.println(r);
        assertTrue(w.size() == 40 && wise.rows() > 200_000, "ten times data-samples: " + wise.rows() + " WISE rows");
        assertSameOrphans(expected, SparkCrossMatch.read(out));
    }

    @Test
    void runEngineSparkWritesTheOrphansOfTheCpuEngine() {
        Path cpu = dir.resolve("run-cpu"), onSpark = dir.resolve("run-spark");
        String data = LocalSpark.ROOT.resolve("data-samples").toString();
        assertEquals(0, Main.run("run", "--data", data, "--out", cpu.toString(), "--phase", "crossmatch"));
        assertEquals(0, Main.run("run", "--engine", "spark", "--data", data, "--out", onSpark.toString(), "--phase",
                "crossmatch"));
        assertSameOrphans(TableIO.read(TileLayout.DataFile.ORPHANS.in(cpu)), TableIO.read(TileLayout.DataFile.ORPHANS.in(onSpark)));
        Table summary = TableIO.read(TileLayout.DataFile.TILES_SUMMARY.in(onSpark.resolve("crossmatch")));
        assertEquals(List.of(6044L, 6045L, 6046L, 6047L), summary.numberColumn("tile").asList().stream().map(n -> ((Number) n).longValue()).toList());
        assertEquals(TableIO.read(TileLayout.DataFile.ORPHANS.in(cpu)).rowCount(),
                (long) summary.numberColumn("n_orphans").sum());
    }

    /** Same rows and values; {@code nearest_sep_arcsec} equal up to 60″, and never larger than the tiled match's. */
    static void assertSameOrphans(Table tiled, Table spark) {
        assertNotNull(spark);
        assertEquals(tiled.columnNames(), spark.columnNames());
        assertEquals(tiled.rowCount(), spark.rowCount());
        Tables.assertSameRows(tiled.copy().removeColumns("nearest_sep_arcsec"), spark.copy().removeColumns("nearest_sep_arcsec"));
        double[] a = tiled.doubleColumn("nearest_sep_arcsec").asDoubleArray(), b = spark.doubleColumn("nearest_sep_arcsec").asDoubleArray();
        int beyond = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] <= 60) {
                assertEquals(a[i], b[i], 0.0, "row " + i);
            } else {
                beyond++;
                assertTrue(b[i] <= a[i] && b[i] > 3, "row " + i + ": tiled " + a[i] + ", spark " + b[i]);
            }
        }
        System.out.println("orphans: " + a.length + ", nearest beyond 60″: " + beyond);
    }
}
