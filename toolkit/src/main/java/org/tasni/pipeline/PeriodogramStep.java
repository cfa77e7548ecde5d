package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.tasni.io.DropCounts;
import org.tasni.io.ParquetIO;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramReport;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lomb–Scargle periods of the candidates flagged FADING or VARIABLE: the periodogram is the costly statistic, and a
 * period is evidence only where the light curve changes.
 */
final class PeriodogramStep implements Step {

    @Override
    public Phase phase() {
        return Phase.PERIODOGRAM;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        return List.of(DataFile.NEOWISE_EPOCHS.in(c.out()), DataFile.VARIABILITY.in(c.out()));
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.PERIODOGRAM.in(c.out()));
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Table stats = TableIO.read(DataFile.VARIABILITY.in(c.out()));
        StringColumn flag = VariabilityFlag.column(stats), designation = stats.stringColumn("designation");
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < stats.rowCount(); i++) {
            String f = flag.get(i);
            if (VariabilityFlag.FADING.name().equals(f) || VariabilityFlag.VARIABLE.name().equals(f)) {
                chosen.add(designation.get(i));
            }
        }
        Periodogram p = Periodogram.of(c.periodogram()).threads(c.threads());
        long[] sources = new long[1];
        long[] periodic = new long[1];
        // what the analysed sources' epochs lose, as the variability phase's note says it: whole exposures dropped,
        // and band measurements left out of a band's points
        DropCounts dropped = new DropCounts(), unusableW1 = new DropCounts(), unusableW2 = new DropCounts();
        // the epochs stream source by source (the epochs phase keeps each source's exposures together): a row group is
        // analysed once its last source is known to be complete, that is, when the next group starts with another
        try (RowGroups.Sink sink = new RowGroups.Sink(DataFile.PERIODOGRAM.in(c.out()))) {
            Table[] carry = {null};
            Consumer<Table> analyse = part -> {
                Set<String> here = new LinkedHashSet<>();
                for (String d : part.stringColumn("designation")) {
                    if (chosen.contains(d)) {
                        here.add(d);
                    }
                }
                // no designation means every source to Periodogram.run: with none chosen, run it on no epochs
                ResultTable<PeriodogramReport> r = here.isEmpty() ? p.run(part.dropRange(0, part.rowCount()))
                        : p.run(part.where(part.stringColumn("designation").isIn(here)), here.toArray(String[]::new));
                sources[0] += r.rowCount();
                periodic[0] += r.report().periodicBands();
                dropped.addAll(r.report().dropped());
                unusableW1.addAll(r.report().unusableW1());
                unusableW2.addAll(r.report().unusableW2());
                sink.accept(r);
            };
            ParquetIO.forEachRowGroup(DataFile.NEOWISE_EPOCHS.in(c.out()), List.of(), g -> {
                Table t = carry[0] == null ? g : carry[0].append(g);
                int n = t.rowCount();
                if (n == 0) {
                    carry[0] = t;
                    return;
                }
                StringColumn d = t.stringColumn("designation");
                int lastStart = n - 1;
                while (lastStart > 0 && d.get(lastStart - 1).equals(d.get(n - 1))) {
                    lastStart--;
                }
                if (lastStart > 0) {
                    analyse.accept(t.inRange(0, lastStart));
                }
                carry[0] = t.inRange(lastStart, n);
            });
            analyse.accept(carry[0]);
            sink.commit();
        }
        return new Outcome(stats.rowCount(), sources[0], List.of(chosen.size() + " of " + stats.rowCount()
                + " sources flagged FADING or VARIABLE; " + periodic[0] + " periodic bands; their exposures dropped: "
                + dropped + "; unusable W1: " + unusableW1 + "; unusable W2: " + unusableW2), List.of(), List.of());
    }
}
