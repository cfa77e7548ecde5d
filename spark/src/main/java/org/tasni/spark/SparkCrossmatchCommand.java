package org.tasni.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.tasni.cli.MatchOptions;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crossmatch} on Spark: the toolkit's crossmatch options plus {@code --master}. Each side is a partitioned
 * catalogue, or Parquet files partitioned first into {@code OUT/catalogs/}.
 */
@Command(name = "crossmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Crossmatch two catalogues on Spark, partition by partition, with the toolkit's matcher.",
                "orphans: left rows with no right source within the radius (+ nearest_sep_arcsec);",
                "nearest: every left row + match_id, sep_arcsec, matched; all: every pair within the radius."})
final class SparkCrossmatchCommand implements Callable<Integer> {

    @Option(names = "--left", required = true, split = ",", paramLabel = "PATH",
            description = "left catalogue: a partitioned catalogue, or Parquet files or directories (e.g. AllWISE)")
    List<Path> left;

    @Option(names = "--right", required = true, split = ",", paramLabel = "PATH",
            description = "right catalogue, likewise (e.g. Gaia DR3)")
    List<Path> right;

    @Option(names = "--mode", defaultValue = "ORPHANS", paramLabel = "MODE",
            description = "${COMPLETION-CANDIDATES}, any case (default: ${DEFAULT-VALUE})")
    MatchMode mode;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "output directory: parts/ per left partition and, unless --no-merge, <mode>.parquet")
    Path out;

    @Option(names = "--no-merge", description = "leave the result as parts (for results too large for one JVM)")
    boolean noMerge;

    @Option(names = "--max-rows", defaultValue = "1000000", paramLabel = "N", description = "rows per partition when partitioning here (default: ${DEFAULT-VALUE})")
    long maxRows;

    @Mixin
    MatchOptions options;

    @Mixin
    MasterOption master;

    @Override
    public Integer call() {
        CrossMatcher xm = options.matcher();
        SparkSession spark = master.session();
        long t0 = System.nanoTime();
        HealpixPartitioner hp = HealpixPartitioner.of(spark).maxRows(maxRows).marginArcsec(SparkEngine.marginFor(xm));
        PartitionedCatalog l = catalog(hp.columns(xm.leftColumnNames().ra(), xm.leftColumnNames().dec()), left, "left");
        PartitionedCatalog r = catalog(hp.columns(xm.rightColumnNames().ra(), xm.rightColumnNames().dec())
                .properMotionColumns(xm.properMotionColumnNames().pmra(), xm.properMotionColumnNames().pmdec()), right, "right");
        double partitionS = (System.nanoTime() - t0) / 1e9;
        // rows without a usable position cannot be placed in a pixel: never silently lost, they are counted here
        // (the CPU backend counts the same rows in its drop report; in nearest mode it also lists them unmatched)
        for (PartitionedCatalog c : List.of(l, r)) {
            if (c.dropped() > 0) {
                System.out.printf("%s: %,d rows without a usable position left out%n", c == l ? "left" : "right", c.dropped());
            }
        }
        SparkMatchReport rep = SparkCrossMatch.of(spark, xm).run(mode, l, r, out);
        System.out.println(rep);
        if (!noMerge) {
            Path merged = out.resolve((mode == MatchMode.ALL ? "pairs" : mode.label()) + ".parquet");
            Table t = SparkCrossMatch.read(out);
            if (t != null) {
                TableIO.write(t.setName(mode.label()), merged);
                System.out.printf("%s: %,d rows%n", merged, t.rowCount());
            } else {
                System.out.println("no rows: nothing merged");
            }
        }
        System.out.printf("partition %.1f s, match %.1f s%n", partitionS, rep.seconds());
        return 0;
    }

    private PartitionedCatalog catalog(HealpixPartitioner hp, List<Path> paths, String side) {
        if (paths.size() == 1 && PartitionedCatalog.isCatalog(paths.get(0))) {
            return PartitionedCatalog.open(paths.get(0));
        }
        return hp.partition(paths, out.resolve("catalogs").resolve(side));
    }
}
