package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.io.TileLayout;
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
        requireCutColumns(c);
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
     * Refuses, before any row is read, orphans without a column the cuts need, naming the user's file: the orphans
     * are the pipeline's own copy of the WISE tiles' rows, so "orphans.parquet: no column 'w1snr'" blamed a file the
     * user never wrote. The cuts are tried on the columns alone (a table of no rows); where they fail, on those of the
     * first WISE tile, whose message names that tile and its columns (every WISE tile has the same columns: the
     * crossmatch refuses tiles that differ).
     */
    private static void requireCutColumns(PipelineConfig c) {
        try {
            c.cuts().apply(ParquetIO.schema(DataFile.ORPHANS.in(c.out())));
        } catch (TasniException orphansLack) {
            var wise = Files.isDirectory(c.tilesDir()) ? TileLayout.list(c.tilesDir(), TileLayout.WISE) : null;
            if (wise == null || wise.isEmpty()) {
                throw orphansLack;
            }
            Path tile = wise.firstEntry().getValue();
            try {
                c.cuts().apply(ParquetIO.schema(tile).setName(tile.toString()));
            } catch (TasniException tileLacks) {
                throw new TasniException(tileLacks.getMessage() + " The candidate cuts (w1snr, w2snr, ph_qual, cc_flags, "
                        + "w1mpro, w2mpro) read the AllWISE columns of the WISE tiles under " + c.tilesDir()
                        + ", through the orphans: every tile lacks it.", tileLacks);
            }
            throw orphansLack; // the tile has it: the orphans file is at fault, and its message says how
        }
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
