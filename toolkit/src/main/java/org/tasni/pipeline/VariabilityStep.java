package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityReport;

/** Light-curve statistics and a flag (FADING, …) per candidate with exposures, with the chosen preset. */
final class VariabilityStep implements Step {

    @Override
    public Phase phase() {
        return Phase.VARIABILITY;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        return List.of(DataFile.NEOWISE_EPOCHS.in(c.out()));
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.VARIABILITY.in(c.out()));
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        ResultTable<VariabilityReport> stats = VariabilityAnalyzer.of(c.preset().config()).threads(c.threads())
                .analyze(DataFile.NEOWISE_EPOCHS.in(c.out()));
        TableIO.write(stats, DataFile.VARIABILITY.in(c.out()));
        return new Outcome(stats.report().rows(), stats.rowCount(), List.of(stats.report().toString()), List.of(),
                List.of());
    }
}
