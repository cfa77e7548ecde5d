package org.tasni.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.crossmatch.MatchOutput;
import org.tasni.crossmatch.MatchReport;
import org.tasni.TasniException;
import org.tasni.io.DropReason;
import org.tasni.io.Format;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crossmatch}: two catalogue files, one result file. */
@Command(name = "crossmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Crossmatch two catalogues on the sky.",
                "orphans: left rows with no right source within the radius (+ nearest_sep_arcsec);",
                "nearest: every left row + match_id, sep_arcsec, matched; all: every pair within the radius."})
final class CrossmatchCommand implements Callable<Integer> {

    @Option(names = "--left", required = true, paramLabel = "FILE", description = "left catalogue (e.g. AllWISE)")
    Path left;

    @Option(names = "--right", required = true, paramLabel = "FILE", description = "right catalogue (e.g. Gaia DR3)")
    Path right;

    @Option(names = "--mode", defaultValue = "ORPHANS", paramLabel = "MODE",
            description = "${COMPLETION-CANDIDATES}, any case (default: ${DEFAULT-VALUE})")
    MatchMode mode;

    @Mixin
    MatchOptions options;

    @Mixin
    ResultFileOption outOption;

    @Override
    public Integer call() {
        Path out = outOption.path(), statsJson = outOption.statsJson();
        CrossMatcher xm = options.matcher();
        // before anything is read: neither output may be an input (or the other output)
        outOption.refuseOverwriting(left, right);
        if (writesParquet(out)) {
            ParquetIO.loadCodecInBackground(); // its native library loads while the inputs are read, not in the write
        }
        if (bytes(left) + bytes(right) >= WARM_UP_BYTES) {
            xm.warmUpInBackground(mode); // the match's code compiles while the inputs are read, not in the match
        }
        long t0 = System.nanoTime();
        Table l = TableIO.read(left);
        double readLeftS = StatsJson.since(t0);
        long tr = System.nanoTime();
        Table r = readRight(right, xm, mode);
        double readRightS = StatsJson.since(tr);
        double readS = StatsJson.since(t0);
        // the output's rows are written straight from the left table's columns, not copied into a table first
        long tm = System.nanoTime();
        MatchOutput result = xm.match(mode, l, r);
        double runS = StatsJson.since(tm);
        MatchReport rep = result.report();
        long t1 = System.nanoTime();
        TableIO.write(result.view(), result.rows(), out);
        double writeS = StatsJson.since(t1);
        System.out.println(rep);
        if (!rep.note().isEmpty()) {
            System.err.println("crossmatch: " + rep.note()); // the library never prints; its notes are shown here
        }
        System.out.printf("%s: %,d rows (read %.2f s, match %.3f s, write %.2f s)%n", out, result.rowCount(), readS,
                rep.matchSeconds(), writeS);
        // the phases of the whole process, for the benchmark's profile: each file's read, and the match's checks and
        // output view (other_s: match() less index and query). The JVM's start is left out: the process start time
        // Java reports on Linux is only as exact as the boot time in /proc/stat, a whole second
        new StatsJson().put("read_left_s", readLeftS).put("read_right_s", readRightS)
                .put("other_s", StatsJson.seconds(Math.max(0, runS - rep.matchSeconds())))
                .put("read_s", readS).put("index_s", StatsJson.seconds(rep.indexSeconds()))
                .put("query_s", StatsJson.seconds(rep.querySeconds())).put("match_s", StatsJson.seconds(rep.matchSeconds()))
                .put("write_s", writeS).put("n_left", rep.nLeft()).put("n_right", rep.nRight()).put("n_out", rep.nOut())
                .put("n_left_nan", rep.leftDropped().getOrDefault(DropReason.NONFINITE_POSITION, 0L))
                .put("n_right_nan", rep.rightDropped().getOrDefault(DropReason.NONFINITE_POSITION, 0L))
                .put("n_left_dropped", rep.leftDroppedTotal()).put("n_right_dropped", rep.rightDroppedTotal())
                .put("n_right_unmoved", rep.rightUnmoved()).put("mode", mode.label()).put("radius_arcsec", rep.radiusArcsec())
                .put("propagation", rep.propagation()).put("backend", rep.backend().name()).put("threads", rep.threads())
                .put("note", rep.note()).putDrops(rep.dropped()).writeIfAsked(statsJson);
        return 0;
    }

    /**
     * Inputs from this size on take long enough to read (a few tenths of a second) that the match's warm-up is done
     * before the match; smaller ones are matched in about the time the warm-up takes, which would only compete with it.
     */
    private static final long WARM_UP_BYTES = 32L << 20;

    /** The size of a file, 0 for anything else (the read reports a missing or unreadable one in its own words). */
    private static long bytes(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    /** True if {@code out} names a Parquet file; an unknown extension is left to the write, which reports it. */
    private static boolean writesParquet(Path out) {
        try {
            return Format.of(out) == Format.PARQUET;
        } catch (TasniException e) {
            return false;
        }
    }

    /**
     * The right catalogue with only the columns the match reads ({@link CrossMatcher#rightColumnsRead}: ra, dec, the id
     * unless the mode is orphans, and pmra/pmdec when propagating): no mode copies any other right column into its
     * output, and a Gaia file carries several more (parallax, photometry, epochs) whose decoding was a third of the
     * right side's read. Orphans leave out the ids too, which are checked in the footer instead: the benchmark's
     * command (694,718 × 1,692,773, 3″) 1.25-1.45 s against 1.32-1.56 s (14 alternating pairs, per-pair median 0.95),
     * the same output to the byte. Only Parquet decodes column by column; other formats are read whole, and so is a
     * file that lacks a named column (the matcher's refusal then lists all of its columns) or whose footer cannot be
     * read (the whole read reports it in its own words).
     */
    static Table readRight(Path path, CrossMatcher xm, MatchMode mode) {
        if (Format.of(path) != Format.PARQUET) {
            return TableIO.read(path);
        }
        Table schema;
        try {
            schema = ParquetIO.schema(path);
        } catch (TasniException e) {
            return TableIO.read(path); // reports a missing or corrupt file in the reader's own words
        }
        if (!mode.namesRightSources()) {
            xm.requireRightIds(schema); // not read, but refused from the footer where it is missing or wrong
        }
        Set<String> wanted = new LinkedHashSet<>(xm.rightColumnsRead(mode));
        // a column the file lacks: the whole read, so that the matcher's refusal lists every column the file has
        return schema.columnNames().containsAll(wanted) ? TableIO.read(path, wanted.toArray(String[]::new))
                : TableIO.read(path);
    }
}
