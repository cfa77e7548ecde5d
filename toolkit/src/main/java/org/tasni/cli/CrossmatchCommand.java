package org.tasni.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.crossmatch.MatchReport;
import org.tasni.io.DropReason;
import org.tasni.io.ResultTable;
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
        long t0 = System.nanoTime();
        Table l = TableIO.read(left);
        Table r = TableIO.read(right);
        double readS = StatsJson.since(t0);
        ResultTable<MatchReport> result = xm.run(mode, l, r);
        MatchReport rep = result.report();
        long t1 = System.nanoTime();
        TableIO.write(result, out);
        double writeS = StatsJson.since(t1);
        System.out.println(rep);
        if (!rep.note().isEmpty()) {
            System.err.println("crossmatch: " + rep.note()); // the library never prints; its notes are shown here
        }
        System.out.printf("%s: %,d rows (read %.2f s, match %.3f s, write %.2f s)%n", out, result.rowCount(), readS,
                rep.matchSeconds(), writeS);
        new StatsJson().put("read_s", readS).put("index_s", StatsJson.seconds(rep.indexSeconds()))
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
}
