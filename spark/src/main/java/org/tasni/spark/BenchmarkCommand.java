package org.tasni.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.apache.spark.sql.SparkSession;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.crossmatch.TiledMatch;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import tech.tablesaw.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: the per-partition throughput that spark/README.md extrapolates from. Simulates a patch of
 * nside-32 tiles, partitions it, matches AllWISE-like against Gaia-like orphans (3″, propagated 2016.0 → 2010.5)
 * and prints each task's rows and times; then {@code crossmatch-tiles} and the CPU backend on the union in this JVM,
 * for comparison. CPU times are the JVM's, which other work on a shared machine does not inflate.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the Spark crossmatch's per-partition throughput on a simulated patch.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--first-tile", defaultValue = "6040", paramLabel = "TILE", description = "first nside-32 tile (default: ${DEFAULT-VALUE})")
    long firstTile;

    @Option(names = "--tiles", defaultValue = "8", paramLabel = "N", description = "consecutive tiles (default: ${DEFAULT-VALUE})")
    int tiles;

    @Option(names = "--density-scale", defaultValue = "1", paramLabel = "X", description = "times the real densities (default: ${DEFAULT-VALUE})")
    double densityScale;

    @Option(names = "--max-rows", defaultValue = "1000000", paramLabel = "N", description = "rows per partition (default: ${DEFAULT-VALUE})")
    long maxRows;

    @Option(names = "--work", defaultValue = "tasni-spark-bench", paramLabel = "DIR", description = "scratch directory (default: ${DEFAULT-VALUE})")
    Path work;

    @Mixin
    MasterOption master;

    @Override
    public Integer call() {
        Path tileDir = work.resolve("tiles");
        long t0 = System.nanoTime();
        SkySimulator.of(SkyConfig.defaults().withDensityScale(densityScale))
                .simulate(LongStream.range(firstTile, firstTile + tiles).toArray()).writeTiles(tileDir);
        System.out.printf("simulated %d tiles in %.1f s%n", tiles, (System.nanoTime() - t0) / 1e9);
        SparkSession spark = master.session();
        CrossMatcher xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        HealpixPartitioner hp = HealpixPartitioner.of(spark).maxRows(maxRows).marginArcsec(SparkEngine.marginFor(xm));
        List<Path> w = List.copyOf(TileLayout.list(tileDir, TileLayout.WISE).values());
        List<Path> g = List.copyOf(TileLayout.list(tileDir, TileLayout.GAIA).values());
        long t1 = System.nanoTime();
        double c1 = SparkCrossMatch.processCpuSeconds();
        PartitionedCatalog wise = hp.partition(w, work.resolve("wise"));
        long t2 = System.nanoTime();
        double c2 = SparkCrossMatch.processCpuSeconds();
        PartitionedCatalog gaia = hp.partition(g, work.resolve("gaia"));
        long t3 = System.nanoTime();
        double c3 = SparkCrossMatch.processCpuSeconds();
        System.out.printf("partitioned %,d WISE rows into %d partitions in %.1f s (%.1f CPU-s), %,d Gaia rows into %d in"
                + " %.1f s (%.1f CPU-s): %,.0f rows per CPU-second%n", wise.rows(), wise.partitions().size(), (t2 - t1) / 1e9,
                c2 - c1, gaia.rows(), gaia.partitions().size(), (t3 - t2) / 1e9, c3 - c2, (wise.rows() + gaia.rows()) / (c3 - c1));
        SparkMatchReport r = SparkCrossMatch.of(spark, xm).run(MatchMode.ORPHANS, wise, gaia, work.resolve("match"));
        System.out.println(r);
        System.out.println("partition\tn_left\tn_right\tread_s\tmatch_s");
        for (TaskStat t : r.tasks()) {
            System.out.printf("%s\t%d\t%d\t%.2f\t%.2f%n", t.left().path(), t.nLeft(), t.nRight(), t.readSeconds(),
                    t.matchSeconds());
        }
        long t5 = System.nanoTime();
        double c5 = SparkCrossMatch.processCpuSeconds();
        var tiled = TiledMatch.of(xm).progress(null).run(tileDir, work.resolve("tiled"));
        double tiledCpu = SparkCrossMatch.processCpuSeconds() - c5;
        System.out.printf("crossmatch-tiles (TiledMatch), one JVM: %,d orphans in %.2f s, %.2f CPU-s: %,.0f rows per"
                + " CPU-second (own rows, margins not counted)%n", tiled.report().orphans(), (System.nanoTime() - t5) / 1e9,
                tiledCpu, (wise.rows() + gaia.rows()) / tiledCpu);
        Table lw = TableIO.read(w), rg = TableIO.read(g);
        long t4 = System.nanoTime();
        double c4 = SparkCrossMatch.processCpuSeconds();
        int orphans = xm.orphans(lw, rg).rowCount();
        double cpuS = SparkCrossMatch.processCpuSeconds() - c4;
        System.out.printf("CPU backend, one JVM, union: %,d orphans in %.2f s, %.2f CPU-s: %,.0f rows per CPU-second"
                + " (Spark: %,d orphans in %.2f s, %.2f CPU-s: %,.0f rows per CPU-second)%n", orphans,
                (System.nanoTime() - t4) / 1e9, cpuS, (lw.rowCount() + rg.rowCount()) / cpuS, r.nOut(), r.seconds(),
                r.cpuSeconds(), r.rowsPerCpuSecond());
        return 0;
    }
}
