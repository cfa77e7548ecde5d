package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.io.ParquetIO;
import org.tasni.io.TileLayout.DataFile;
import tech.tablesaw.api.Table;

/** The candidate cuts on the orphans, each counted ({@link CandidateCuts}), streamed row group by row group. */
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
        long[] rows = new long[2];
        List<FunnelStep> steps;
        try (RowGroups.Sink sink = new RowGroups.Sink(DataFile.CANDIDATES.in(c.out()))) {
            steps = cut(DataFile.ORPHANS.in(c.out()), c.cuts(), part -> {
                rows[1] += part.rowCount();
                sink.accept(part);
            }, rows);
            sink.commit();
        }
        List<String> notes = new ArrayList<>();
        for (FunnelStep s : steps) {
            notes.add(s.step() + ": " + s.rows());
        }
        return new Outcome(rows[0], rows[1], notes, List.of(), List.of());
    }

    /**
     * Applies {@code cuts} to the orphans row group by row group, giving each group's candidates to {@code sink}.
     *
     * @param read  [0] receives the orphans read
     * @return the count after each cut, over the whole file
     */
    static List<FunnelStep> cut(Path orphans, CandidateCuts cuts, Consumer<Table> sink, long[] read) {
        List<FunnelStep> total = new ArrayList<>();
        ParquetIO.forEachRowGroup(orphans, List.of(), g -> {
            read[0] += g.rowCount();
            CandidateCuts.Result r = cuts.apply(g);
            for (int k = 0; k < r.steps().size(); k++) {
                FunnelStep s = r.steps().get(k);
                if (total.size() <= k) {
                    total.add(s);
                } else {
                    total.set(k, new FunnelStep(s.step(), total.get(k).rows() + s.rows()));
                }
            }
            sink.accept(r.candidates());
        });
        return total;
    }
}
