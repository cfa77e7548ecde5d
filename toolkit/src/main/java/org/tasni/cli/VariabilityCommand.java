package org.tasni.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tasni.io.Format;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.variability.Band;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import org.tasni.variability.VariabilityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code variability}: one row of statistics and a flag per source. */
@Command(name = "variability", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Light-curve statistics and classification of NEOWISE epochs (one row per exposure), one row per source.",
                "standard: quality cuts, weighted statistics, WLS trends with p-values, Stetson J/K;",
                "tasni-legacy: the reference's published golden_variability.csv; tasni-tier5: its tier5_variability.parquet."})
final class VariabilityCommand implements Callable<Integer> {

    @Option(names = "--epochs", required = true, paramLabel = "FILE", description = "epochs table (IRSA or _ep column names)")
    Path epochs;

    @Option(names = "--preset", defaultValue = "standard", paramLabel = "NAME", converter = PresetConverters.Variability.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    VariabilityConfig.Preset preset;

    @Option(names = "--bin-visits", description = "average each visit in flux before the statistics (standard preset only; refused with the others)")
    boolean binVisits;

    @Option(names = "--id-column", defaultValue = "designation", description = "source key column (default: ${DEFAULT-VALUE})")
    String idColumn;

    @Mixin
    ThreadsOption threads;

    @Mixin
    ResultFileOption outOption;

    @Override
    public Integer call() {
        Path out = outOption.path(), statsJson = outOption.statsJson();
        // before anything is read: an output (or the stats file) that is the input would destroy it
        outOption.refuseOverwriting(epochs);
        VariabilityConfig cfg = preset.config();
        if (binVisits) {
            cfg = cfg.withBinVisits(true);
        }
        VariabilityAnalyzer a = VariabilityAnalyzer.of(cfg).idColumn(idColumn);
        if (threads.orNull() != null) {
            a = a.threads(threads.orNull());
        }
        long t0 = System.nanoTime();
        ResultTable<VariabilityReport> result;
        double readS;
        boolean parquet = Format.of(epochs) == Format.PARQUET;
        if (parquet) {
            // streamed row group by row group (a file not grouped by source read whole): reading and computing
            // interleave, so read_s is what remains
            result = a.analyze(epochs);
            readS = StatsJson.seconds(StatsJson.since(t0) - result.report().computeSeconds());
        } else {
            Table e = TableIO.read(epochs);
            readS = StatsJson.since(t0);
            result = a.analyze(e);
        }
        VariabilityReport rep = result.report();
        long t1 = System.nanoTime();
        TableIO.write(result, out);
        double writeS = StatsJson.since(t1);
        System.out.println(rep);
        boolean streamed = parquet && rep.readWhole().isEmpty();
        if (parquet && !streamed) {
            // the stream bounds memory for huge grouped files; the user should know this one took the whole file's
            System.out.println("note: " + epochs + " was " + rep.readWhole() + ", so it was read whole, not streamed row "
                    + "group by row group: memory use is that of the whole file. Sort it by " + idColumn
                    + " and mjd to stream it.");
        }
        if (rep.rows() == 0) {
            System.out.println("warning: " + epochs + " has no rows; the result has no sources.");
        } else if (rep.sources() == 0) {
            System.out.println("warning: every row of " + epochs + " was dropped (" + rep.dropped() + "); the result has no sources.");
        }
        System.out.printf("%s: %,d sources (read %.2f s, compute %.3f s, write %.2f s)%n", out, result.rowCount(), readS,
                rep.computeSeconds(), writeS);
        new StatsJson().put("read_s", readS).put("compute_s", StatsJson.seconds(rep.computeSeconds())).put("write_s", writeS)
                .put("n_sources", rep.sources()).put("n_rows", rep.rows()).put("n_rows_cut", rep.cutRows())
                .putDrops(rep.dropped()).putUnusable(Band.W1.key(), rep.unusableW1())
                .putUnusable(Band.W2.key(), rep.unusableW2())
                .put("preset", cfg.name()).put("flags", rep.flags())
                // false: read whole (a CSV file, or a Parquet file not grouped by source), memory that of the file
                .put("streamed", streamed).writeIfAsked(statsJson);
        return 0;
    }
}
