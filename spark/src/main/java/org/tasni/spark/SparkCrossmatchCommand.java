package org.tasni.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.tasni.cli.MatchOptions;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.OutputPaths;
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

    @Option(names = "--stats-json", paramLabel = "FILE", description = "write timings and counts as JSON (the keys of"
            + " the toolkit's crossmatch)")
    Path statsJson;

    @Mixin
    MatchOptions options;

    @Mixin
    MasterOption master;

    @Override
    public Integer call() {
        CrossMatcher xm = options.matcher();
        double margin = SparkEngine.marginFor(xm);
        Side l0 = side(left, "left"), r0 = side(right, "right");
        Path merged = noMerge ? null : out.resolve((mode == MatchMode.ALL ? "pairs" : mode.label()) + ".parquet");
        refuseOverwriting(merged, l0, r0);
        // the columns the match reads, from the files' footers: refused here rather than in a task after partitioning
        MatchInputs.requireSameColumns(l0.files());
        MatchInputs.requireSameColumns(r0.files());
        for (Path f : l0.files()) {
            MatchInputs.requireLeft(xm, mode, MatchInputs.schema(f, f.toString()));
        }
        for (Path f : r0.files()) {
            MatchInputs.requireRight(xm, MatchInputs.schema(f, f.toString()));
        }
        SparkSession spark = master.session();
        long t0 = System.nanoTime();
        HealpixPartitioner hp = HealpixPartitioner.of(spark).maxRows(maxRows).marginArcsec(margin);
        PartitionedCatalog l = catalog(hp.columns(xm.leftColumnNames().ra(), xm.leftColumnNames().dec()), l0);
        PartitionedCatalog r = catalog(hp.columns(xm.rightColumnNames().ra(), xm.rightColumnNames().dec())
                .properMotionColumns(xm.properMotionColumnNames().pmra(), xm.properMotionColumnNames().pmdec()), r0);
        double partitionS = (System.nanoTime() - t0) / 1e9;
        // rows without a usable position cannot be placed in a pixel: never silently lost, they are counted here
        // (the CPU backend counts the same rows in its drop report; in nearest mode it also lists them unmatched)
        for (PartitionedCatalog c : List.of(l, r)) {
            if (c.droppedTotal() > 0) {
                System.out.printf("%s: %,d %s without a usable position left out%n", c == l ? "left" : "right",
                        c.droppedTotal(), c.droppedTotal() == 1 ? "row" : "rows");
            }
        }
        SparkCrossMatch sxm = SparkCrossMatch.of(spark, xm);
        SparkMatchReport rep = sxm.run(mode, l, r, out);
        System.out.println(rep);
        long tw = System.nanoTime();
        if (merged != null) {
            Table t = SparkCrossMatch.read(out);
            // no rows is a result too: written as an empty table, so no earlier run's file is left to be taken for it
            TableIO.write((t != null ? t : sxm.emptyResult(mode, l, r)).setName(mode.label()), merged);
            System.out.printf("%s: %,d rows%n", merged, t == null ? 0 : t.rowCount());
        }
        double writeS = (System.nanoTime() - tw) / 1e9;
        System.out.printf("partition %.1f s, match %.1f s%n", partitionS, rep.seconds());
        if (statsJson != null) {
            SparkStatsJson.of(rep, xm, spark.sparkContext().defaultParallelism(), partitionS, writeS).writeIfAsked(statsJson);
        }
        return 0;
    }

    /**
     * One side of the match: a partitioned catalogue ({@code root}), or the Parquet files to partition into
     * {@code OUT/catalogs/<name>}.
     */
    private record Side(String name, Path root, List<Path> files) {}

    private Side side(List<Path> paths, String name) {
        if (paths.size() == 1 && PartitionedCatalog.looksLikeCatalog(paths.get(0))) {
            // opened here, before anything is written, so a broken catalogue is refused first
            return new Side(name, Path.of(PartitionedCatalog.open(paths.get(0)).root()), List.of());
        }
        return new Side(name, null, HealpixPartitioner.expand(paths));
    }

    /**
     * Refuses, before any work, an output that would replace an input: the merged file, the directories a run
     * replaces ({@code parts/} and its scratch directories, {@code catalogs/<side>/}), or an {@code --out} inside an
     * input catalogue.
     */
    private void refuseOverwriting(Path merged, Side... sides) {
        List<Path> inputs = new ArrayList<>();
        for (Side s : sides) {
            if (s.root() != null) {
                inputs.add(s.root());
                MatchInputs.refuseInside(out, s.root());
            }
            inputs.addAll(s.files());
        }
        if (merged != null) {
            OutputPaths.refuseInputs(merged, inputs);
        }
        if (statsJson != null) {
            OutputPaths.refuseInputs(statsJson, inputs);
            OutputPaths.refuseClash(statsJson, merged);
        }
        for (String d : SparkCrossMatch.OWN_DIRECTORIES) {
            MatchInputs.refuseReplacing(out.resolve(d), inputs);
        }
        for (Side s : sides) {
            if (s.root() == null) {
                MatchInputs.refuseReplacing(catalogDir(s), inputs);
            }
        }
    }

    private Path catalogDir(Side s) {
        return out.resolve("catalogs").resolve(s.name());
    }

    private PartitionedCatalog catalog(HealpixPartitioner hp, Side s) {
        return s.root() != null ? PartitionedCatalog.open(s.root()) : hp.partition(s.files(), catalogDir(s));
    }
}
