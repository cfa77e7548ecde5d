package org.tasni.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tasni.TasniException;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.variability.Band;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramConfig;
import org.tasni.variability.PeriodogramReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code periodogram}: Lomb–Scargle best periods and false-alarm probabilities per source and band. */
@Command(name = "periodogram", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generalised Lomb–Scargle periods of NEOWISE light curves, per source and band, with Baluev FAPs.",
                "standard: periods 0.5–1000 d at 5 samples per peak, FAP over the searched band;",
                "tasni-legacy: the reference's 10,000-step grid and astropy-auto fmax in the FAP."})
final class PeriodogramCommand implements Callable<Integer> {

    @Option(names = "--epochs", required = true, paramLabel = "FILE", description = "epochs table")
    Path epochs;

    @Option(names = "--preset", defaultValue = "standard", paramLabel = "NAME", converter = PresetConverters.Periodogram.class,
            description = "${COMPLETION-CANDIDATES}; tasni-tier5 uses tasni-legacy's grid (default: ${DEFAULT-VALUE})")
    PeriodogramConfig.Preset preset;

    @Option(names = "--designations", split = ",", paramLabel = "A,B,…", description = "only these sources")
    String[] designations;

    @Mixin
    ThreadsOption threads;

    @Mixin
    ResultFileOption outOption;

    @Override
    public Integer call() {
        Path out = outOption.path(), statsJson = outOption.statsJson();
        // before anything is read: an output (or the stats file) that is the input would destroy it
        outOption.refuseOverwriting(epochs);
        if (designations != null && designations.length == 0) {
            // no name at all would mean every source to the analysis: a selection that selects nothing is a mistake
            throw new TasniException("--designations names no source; leave the option out to analyse every source.");
        }
        Periodogram p = Periodogram.of(preset.config()).progress(ConsoleProgress.forTerminal());
        if (threads.orNull() != null) {
            p = p.threads(threads.orNull());
        }
        long t0 = System.nanoTime();
        Table e = TableIO.read(epochs);
        double readS = StatsJson.since(t0);
        long t1 = System.nanoTime();
        ResultTable<PeriodogramReport> result = p.run(e, designations == null ? new String[0] : designations);
        double computeS = StatsJson.since(t1);
        long t2 = System.nanoTime();
        TableIO.write(result, out);
        double writeS = StatsJson.since(t2);
        PeriodogramReport rep = result.report();
        System.out.println(rep);
        if (e.rowCount() == 0) {
            System.out.println("warning: " + epochs + " has no rows; the result has no sources.");
        }
        System.out.printf("%s: %,d sources, %d periodic bands, %d consistent (read %.2f s, compute %.2f s, write %.2f s)%n",
                out, result.rowCount(), rep.periodicBands(), rep.consistent(), readS, computeS, writeS);
        StatsJson json = new StatsJson().put("read_s", readS).put("compute_s", computeS).put("write_s", writeS)
                .put("n_sources", result.rowCount()).put("n_rows", e.rowCount()).putDrops(rep.dropped())
                .put("n_rows_not_selected", rep.notSelected())
                .putUnusable(Band.W1.key(), rep.unusableW1()).putUnusable(Band.W2.key(), rep.unusableW2())
                .put("n_periodic_bands", rep.periodicBands()).put("n_consistent", rep.consistent())
                .put("n_no_period", rep.noPeriod().values().stream().mapToLong(Long::longValue).sum());
        json.put("preset", preset.toString()).writeIfAsked(statsJson);
        return 0;
    }
}
