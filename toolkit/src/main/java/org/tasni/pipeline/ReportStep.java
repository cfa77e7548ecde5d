package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.pipeline.report.ReportPage;

/**
 * The self-contained HTML report ({@link ReportPage}). Its inputs are the data files and {@code run.json}, not the
 * timing file (which every run rewrites): a rerun that changes nothing keeps the report, whose phase times are those of
 * the run that computed the results it shows.
 */
final class ReportStep implements Step {

    @Override
    public Phase phase() {
        return Phase.REPORT;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        List<Path> in = new ArrayList<>();
        for (DataFile f : List.of(DataFile.RUN, DataFile.ORPHANS, DataFile.CANDIDATES,
                DataFile.NEOWISE_EPOCHS, DataFile.VARIABILITY, DataFile.PERIODOGRAM, DataFile.RANKED,
                DataFile.FUNNEL)) {
            in.add(f.in(c.out()));
        }
        return in;
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.REPORT.in(c.out()));
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Path page = ReportPage.of(c.out()).top(c.top()).write();
        return Outcome.of(0, 1, "report: " + page.toAbsolutePath().normalize());
    }
}
