package org.tasni.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.TiledMatch;
import org.tasni.io.AtomicFiles;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.Table;

/**
 * The tiled crossmatch ({@link TiledMatch}: margins from neighbouring tiles, Gaia moved to the AllWISE epoch), in
 * {@code OUT/crossmatch/}, whose per-tile records resume it tile by tile; the merged orphans are copied to
 * {@code OUT/orphans.parquet}. A tile that cannot be matched is a failure with its reason; the others go on.
 */
final class CrossmatchStep implements Step {

    @Override
    public Phase phase() {
        return Phase.CROSSMATCH;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        return TileFiles.of(c);
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.ORPHANS.in(c.out()), summaryFile(c));
    }

    /** One row per tile, with its status and number of neighbours without Gaia. */
    static Path summaryFile(PipelineConfig c) {
        return DataFile.TILES_SUMMARY.in(PipelineLayout.crossmatchDir(c.out()));
    }

    /** Removes the per-tile outputs and records, so that {@code --force} matches every tile again. */
    @Override
    public void forget(PipelineConfig c) {
        Path work = PipelineLayout.crossmatchDir(c.out());
        if (Files.isDirectory(work)) {
            try (var s = Files.list(work)) {
                for (Path p : s.toList()) {
                    if (Files.isRegularFile(p)) {
                        Files.delete(p);
                    }
                }
            } catch (IOException e) {
                throw new TasniException(work + ": cannot clear (" + e.getMessage() + ").", e);
            }
        }
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Path work = PipelineLayout.crossmatchDir(c.out());
        CrossMatcher m = CrossMatcher.radius(c.radiusArcsec()).propagate(c.gaiaEpoch(), c.wiseEpoch())
                .backend(c.backend()).threads(c.threads());
        TiledMatch tm = TiledMatch.of(m);
        Path merged = DataFile.ORPHANS.in(work);
        try {
            // a run in which no tile can be matched writes no merge: an older one must not pass for this run's
            Files.deleteIfExists(merged);
        } catch (IOException e) {
            throw new TasniException(merged + ": cannot remove the previous merge (" + e.getMessage() + ").", e);
        }
        ResultTable<TiledMatch.Report> summary = tm.run(c.tilesDir(), work);
        TableIO.write(summary, summaryFile(c));
        if (TileStatus.count(summary, TileStatus.OK, TileStatus.DONE_BEFORE) == 0 || !Files.isRegularFile(merged)) {
            throw new TasniException("no tile could be matched (" + summary.report() + "); see " + summaryFile(c));
        }
        AtomicFiles.write(DataFile.ORPHANS.in(c.out()),
                tmp -> Files.copy(merged, tmp, StandardCopyOption.REPLACE_EXISTING));
        TiledMatch.Report r = summary.report();
        List<String> notes = new ArrayList<>(List.of(r.toString())), warnings = new ArrayList<>();
        if (r.flagged() > 0) {
            warnings.add(r.flagged() + " tile(s) border a tile without Gaia: their sources within " + c.radiusArcsec()
                    + " arcsec of those borders carry the caveat missing_neighbour_tile");
        }
        if (!tm.ignoredFiles().isEmpty()) {
            warnings.add("ignored files that look like tiles but are not named wise_hpNNNNN.parquet or "
                    + "gaia_hpNNNNN.parquet: " + tm.ignoredFiles());
        }
        List<String> failures = new ArrayList<>();
        Table bad = TileStatus.select(summary, TileStatus.NO_GAIA, TileStatus.EMPTY_GAIA, TileStatus.ERROR);
        for (int i = 0; i < bad.rowCount(); i++) {
            failures.add(String.format("tile %05d %s: %s", SummaryColumns.count(bad, "tile", i),
                    bad.stringColumn(TileStatus.COLUMN).get(i), bad.stringColumn("message").get(i)));
        }
        long wise = SummaryColumns.sum(summary, "n_wise");
        return new Outcome(wise, r.orphans(), notes, warnings, failures);
    }
}
