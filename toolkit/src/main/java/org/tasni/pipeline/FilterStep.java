package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import tech.tablesaw.api.Table;

/** The candidate cuts on the orphans, each counted ({@link CandidateCuts}). */
final class FilterStep implements Step {

    @Override
    public Phase phase() {
        return Phase.FILTER;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        return List.of(DataFile.ORPHANS.in(c.out()));
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.CANDIDATES.in(c.out()));
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Table orphans = TableIO.read(DataFile.ORPHANS.in(c.out()));
        CandidateCuts.Result r = c.cuts().apply(orphans);
        TableIO.write(r.candidates(), DataFile.CANDIDATES.in(c.out()));
        List<String> notes = new ArrayList<>();
        for (FunnelStep s : r.steps()) {
            notes.add(s.step() + ": " + s.rows());
        }
        return new Outcome(orphans.rowCount(), r.candidates().rowCount(), notes, List.of(), List.of());
    }
}
