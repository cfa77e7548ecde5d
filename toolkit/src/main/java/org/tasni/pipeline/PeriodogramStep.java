package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramConfig;
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
        Table epochs = TableIO.read(DataFile.NEOWISE_EPOCHS.in(c.out()));
        Periodogram p = Periodogram.of(PeriodogramConfig.Preset.of(c.preset().toString()).config()).threads(c.threads());
        // no designation means every source to Periodogram.run: with none chosen, run it on no epochs instead
        ResultTable<PeriodogramReport> periods = chosen.isEmpty()
                ? p.run(epochs.dropRange(0, epochs.rowCount()))
                : p.run(epochs.where(epochs.stringColumn("designation").isIn(chosen)), chosen.toArray(String[]::new));
        TableIO.write(periods, DataFile.PERIODOGRAM.in(c.out()));
        return new Outcome(stats.rowCount(), periods.rowCount(), List.of(chosen.size() + " of " + stats.rowCount()
                + " sources flagged FADING or VARIABLE", periods.report().toString()), List.of(),
                List.of());
    }
}
