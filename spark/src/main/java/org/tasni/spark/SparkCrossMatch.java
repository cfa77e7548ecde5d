package org.tasni.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.OutputPaths;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/**
 * The crossmatch of two {@link PartitionedCatalog}s on Spark: nearest, orphans and all pairs, equal row for row to
 * the CPU backend's ({@link CrossMatcher}) on the union of the inputs.
 *
 * <pre>{@code
 * var xm = SparkCrossMatch.of(spark, CrossMatcher.radius(3).propagate(2016.0, 2010.5));
 * var report = xm.run(MatchMode.ORPHANS, wise, gaia, Path.of("out"));   // OUT/parts/…, one file per left partition
 * Table orphans = SparkCrossMatch.read(Path.of("out"));                  // small results: one table, input order
 * }</pre>
 *
 * <p>One Spark task per left partition ({@link PartitionMatch}) runs the toolkit's own matcher, on one thread, against
 * each right partition over it plus that partition's margin; no data is shuffled. A second, usually tiny pass
 * ({@link LeftoverSearch}) settles the left rows whose nearest right source may lie beyond the margin. Outputs are
 * written atomically per partition, so a retried task (Spark retries a failed one) leaves the same files.
 *
 * <p>Output: {@code OUT/parts/Norder=k/Dir=d/Npix=p.parquet} per left partition and {@code OUT/parts/leftovers.parquet};
 * each row keeps the left catalogue's {@code _row} (and {@code _healpix_29}); pairs carry {@code _row_left} and
 * {@code _row_right}. {@link #read} puts them in the CPU's order and drops these columns.
 *
 * <p>The catalogues' directories must be readable by every executor at the same path (a shared file system), as the
 * tasks read their partitions directly.
 */
public final class SparkCrossMatch {

    private final SparkSession spark;
    private final CrossMatcher matcher;
    private final Path failOnce;

    private SparkCrossMatch(SparkSession spark, CrossMatcher matcher, Path failOnce) {
        this.spark = spark;
        this.matcher = matcher;
        this.failOnce = failOnce;
    }

    /** A match with {@code matcher}'s radius, propagation and columns (its backend and threads are not used). */
    public static SparkCrossMatch of(SparkSession spark, CrossMatcher matcher) {
        return new SparkCrossMatch(spark, matcher, null);
    }

    /** For the retry test: the first task to find {@code flag} deletes it and fails once, after writing its output. */
    SparkCrossMatch failingOnce(Path flag) {
        return new SparkCrossMatch(spark, matcher, flag);
    }

    /**
     * Runs {@code mode} for {@code left} against {@code right}, writing into {@code outDir} (its earlier parts are
     * removed first).
     *
     * @throws TasniException if the right catalogue's margin is narrower than R plus its largest propagation move
     */
    public SparkMatchReport run(MatchMode mode, PartitionedCatalog left, PartitionedCatalog right, Path outDir) {
        long t0 = System.nanoTime();
        double cpu0 = processCpuSeconds();
        Path out = OutputPaths.resolved(outDir); // as the system opens it: link/.. is not the link's directory
        requireInputs(mode, left, right, out);
        MatchSpec spec = MatchSpec.of(mode, matcher);
        if (failOnce != null) {
            spec = spec.failingOnce(failOnce.toAbsolutePath().toString());
        }
        double move = spec.maxMotionArcsec(right.maxPmMasYr());
        double reach = right.marginArcsec() - move;
        if (!(reach >= matcher.radiusArcsec())) {
            throw new TasniException(String.format("%s: its margin of %s arcsec is narrower than the radius (%s arcsec) plus"
                    + " the largest proper-motion move (%.1f arcsec: %.0f mas/yr over %.1f years); partition it again with"
                    + " --margin %.0f or more.", right.root(), right.marginArcsec(), matcher.radiusArcsec(), move,
                    right.maxPmMasYr(), Math.abs(matcher.epochGapYears()), Math.ceil(matcher.radiusArcsec() + move + 1)));
        }
        for (String d : OWN_DIRECTORIES) {
            deleteTree(out.resolve(d));
        }
        List<PartitionMatch.Task> tasks = new ArrayList<>();
        for (Pixel l : left.partitions()) {
            tasks.add(new PartitionMatch.Task(l, PartitionedCatalog.overlapping(right.partitions(), l)));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("tasni crossmatch " + mode.label() + ": " + tasks.size() + " left partitions");
        List<TaskStat> stats = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                .map(new PartitionMatch(spec, left, right, out, reach)).collect();
        long leftovers = stats.stream().mapToLong(TaskStat::leftovers).sum(), candidates = 0;
        if (leftovers > 0) {
            candidates = secondPass(jsc, spec, right, out);
        }
        long nOut = 0;
        for (Path p : files(out.resolve("parts"))) {
            nOut += org.tasni.io.ParquetIO.rowCount(p);
        }
        // what each task's matcher left out is not in its output: counted once per right row, as the CPU's report does
        RightRowChecks.Counts rightChecks = RightRowChecks.Counts.NONE;
        if (RightRowChecks.needed(spec)) {
            jsc.setJobDescription("tasni crossmatch: right rows the matcher leaves out");
            rightChecks = jsc.parallelize(right.partitions(), Math.max(1, right.partitions().size()))
                    .map(new RightRowChecks(spec, right)).reduce(RightRowChecks.Counts::plus);
        }
        RightRowChecks.Counts rightDrops = rightChecks.plus(right);
        return new SparkMatchReport(mode, matcher.radiusArcsec(), left.partitions().size(), right.partitions().size(),
                left.rows(), right.rows(), nOut, left.dropped(), rightDrops.dropped(), rightDrops.unmoved(), leftovers,
                candidates, reach, (System.nanoTime() - t0) / 1e9, processCpuSeconds() - cpu0,
                stats);
    }

    /** The directories of {@code OUT} a run replaces. */
    static final List<String> OWN_DIRECTORIES = List.of("parts", "leftovers", "candidates");

    /**
     * Refuses, before any job: a catalogue partitioned on other position columns than the match reads (its partitions
     * and margins are by those positions, so pairs near a border would be lost), a catalogue without a column the
     * match reads, and an output directory inside an input catalogue.
     */
    private void requireInputs(MatchMode mode, PartitionedCatalog left, PartitionedCatalog right, Path out) {
        requirePartitionedOn(left, matcher.leftColumnNames().ra(), matcher.leftColumnNames().dec(), "--left-columns");
        requirePartitionedOn(right, matcher.rightColumnNames().ra(), matcher.rightColumnNames().dec(), "--right-columns");
        MatchInputs.requireLeft(matcher, mode, schema(left));
        MatchInputs.requireRight(matcher, schema(right));
        for (PartitionedCatalog c : List.of(left, right)) {
            MatchInputs.refuseInside(out, Path.of(c.root()));
        }
    }

    private static void requirePartitionedOn(PartitionedCatalog c, String ra, String dec, String option) {
        if (!c.ra().equals(ra) || !c.dec().equals(dec)) {
            throw new TasniException(c.root() + ": is partitioned on " + c.ra() + "," + c.dec() + " (hats_col_ra,"
                    + " hats_col_dec), but this match reads the positions " + ra + "," + dec + " (" + option + "); partition"
                    + " it again with --columns " + ra + "," + dec + ", or match on " + c.ra() + "," + c.dec() + ".");
        }
    }

    /** The catalogue's columns, from the footer of its first partition's first file, named by the catalogue. */
    private static Table schema(PartitionedCatalog c) {
        return MatchInputs.schema(c.requireFiles(c.partitions().get(0)).get(0), c.root());
    }

    /**
     * The empty result of {@code mode}, with the columns (and types) a run with rows writes: the matcher's own output
     * for no left row, so a run that finds nothing still replaces an earlier run's result, as the CPU backend does.
     */
    public Table emptyResult(MatchMode mode, PartitionedCatalog left, PartitionedCatalog right) {
        Table l = schema(left);
        l.removeColumns(PartitionedCatalog.ROW, PartitionedCatalog.HEALPIX_29);
        Table r = PartitionTables.read(right.requireFiles(right.partitions().get(0)),
                MatchSpec.of(mode, matcher).rightColumns());
        return matcher.threads(1).run(mode, l, r).setName(mode.label());
    }

    /**
     * The leftovers against the right catalogue, in rounds of {@link LeftoverSearch} that look 4 times farther each
     * time for the rows not yet settled (all pairs: one round at R), then one match on the driver of all leftovers
     * against all candidates.
     */
    private long secondPass(JavaSparkContext jsc, MatchSpec spec, PartitionedCatalog right, Path out) {
        Table lo = PartitionTables.read(files(out.resolve("leftovers")));
        CrossMatcher m = spec.matcher();
        String ra = m.leftColumnNames().ra(), dec = m.leftColumnNames().dec();
        CrossMatcher byRow = m.leftColumns(ra, dec, PartitionedCatalog.ROW)
                .rightColumns(m.rightColumnNames().ra(), m.rightColumnNames().dec(), PartitionedCatalog.ROW);
        double move = spec.maxMotionArcsec(right.maxPmMasYr());
        Table pending = lo.selectColumns(ra, dec, PartitionedCatalog.ROW);
        double search = spec.mode() == MatchMode.ALL ? spec.radiusArcsec() : 4 * right.marginArcsec();
        long candidates = 0;
        for (int round = 0; pending.rowCount() > 0; round++) {
            jsc.setJobDescription("tasni crossmatch: second pass, round " + round + ", " + pending.rowCount() + " left rows");
            candidates += jsc.parallelize(right.partitions(), Math.max(1, right.partitions().size()))
                    .map(new LeftoverSearch(spec, right, out, round, search, move, pending.numberColumn(ra).asDoubleArray(),
                            pending.numberColumn(dec).asDoubleArray(), pending.longColumn(PartitionedCatalog.ROW).asLongArray()))
                    .reduce(Long::sum);
            if (spec.mode() == MatchMode.ALL || search >= 180 * 3600) {
                break; // all pairs need R only; at 180° the whole sky was searched
            }
            Table c = PartitionTables.read(files(out.resolve("candidates")), spec.rightColumns());
            if (c != null) {
                // settled: a nearest within the search radius, every right row that near having been searched
                pending = pending.where(byRow.nearest(pending, c).doubleColumn("sep_arcsec").isGreaterThan(search));
            }
            search = Math.min(4 * search, 180 * 3600);
        }
        Table c = PartitionTables.read(files(out.resolve("candidates")), spec.rightColumns());
        if (c == null) {
            if (spec.mode() != MatchMode.ALL) {
                throw new TasniException(right.root() + ": no right row to match " + lo.rowCount() + " left rows against.");
            }
            return 0;
        }
        PartitionTables.write(PartitionTables.match(m, spec.mode(), lo, c), out.resolve("parts").resolve("leftovers.parquet"));
        return candidates;
    }

    /**
     * The output of a run in {@code outDir} as one table, in the CPU backend's row order (left rows in input order;
     * pairs by left row, then right row), without the internal {@code _row}, {@code _healpix_29}, {@code _row_left}
     * and {@code _row_right} columns. For results that fit in memory; large ones stay as the partitioned parts.
     *
     * @return the rows, or null if the run wrote none
     */
    public static Table read(Path outDir) {
        List<Path> parts = files(outDir.resolve("parts"));
        if (parts.isEmpty()) {
            return null;
        }
        Table t = TableIO.read(parts).setName(outDir.getFileName().toString());
        boolean pairs = t.containsColumn(PartitionTables.ROW_LEFT);
        t = pairs ? t.sortAscendingOn(PartitionTables.ROW_LEFT, PartitionTables.ROW_RIGHT)
                : t.sortAscendingOn(PartitionedCatalog.ROW);
        for (String c : List.of(PartitionedCatalog.ROW, PartitionedCatalog.HEALPIX_29, PartitionTables.ROW_LEFT,
                PartitionTables.ROW_RIGHT)) {
            if (t.containsColumn(c)) {
                t.removeColumns(c);
            }
        }
        return t;
    }

    /** CPU time of this JVM so far, seconds (NaN where the JVM does not say). */
    static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** The Parquet files under {@code dir}, by path. */
    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new TasniException(dir + ": cannot list (" + e.getMessage() + ").", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new TasniException(dir + ": cannot remove the previous run's output (" + e.getMessage() + ").", e);
        }
    }
}
