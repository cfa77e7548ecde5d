package org.tasni.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.TiledMatch;
import org.tasni.io.AtomicFiles;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.ParquetIO;
import org.tasni.io.TileLayout;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
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
        if (c.engine() != Engine.CPU) {
            return runOn(CrossmatchEngine.find(c.engine()), c, m, work);
        }
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
            throw new TasniException("no tile could be matched" + firstProblem(summary) + " (" + summary.report()
                    + "; every tile's reason is in " + summaryFile(c) + ")");
        }
        AtomicFiles.write(DataFile.ORPHANS.in(c.out()),
                tmp -> Files.copy(merged, tmp, StandardCopyOption.REPLACE_EXISTING));
        TiledMatch.Report r = summary.report();
        WiseRows rows = WiseRows.of(summary);
        List<String> notes = new ArrayList<>(List.of(r.toString(), rows.balance())), warnings = new ArrayList<>();
        if (!rows.droppedText().isEmpty()) {
            notes.add(Summary.DROPPED + rows.droppedText());
        }
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
            // its WISE rows are left out of the orphans: say how many (unknown where the WISE file cannot be read)
            Object n = bad.column("n_wise").get(i);
            failures.add(String.format(Locale.ROOT, "tile %05d %s (%s WISE rows not matched): %s",
                    SummaryColumns.count(bad, "tile", i), bad.stringColumn(TileStatus.COLUMN).get(i),
                    n == null ? "its" : String.format(Locale.ROOT, "%,d", ((Number) n).longValue()),
                    bad.stringColumn("message").get(i)));
        }
        // rows in: every WISE tile's rows, those of the tiles not matched included (the funnel's first step)
        return new Outcome(rows.all(), r.orphans(), notes, warnings, failures);
    }

    /**
     * ": tile 06044 ERROR: backend GPU: no CUDA driver found (…). Use --backend auto …", the first tile not matched and
     * its reason, or "" when every tile was: a run in which no tile could be matched must say why in its one line.
     */
    private static String firstProblem(Table summary) {
        Table bad = TileStatus.select(summary, TileStatus.NO_GAIA, TileStatus.EMPTY_GAIA, TileStatus.ERROR);
        if (bad.rowCount() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ": tile %05d %s: %s", SummaryColumns.count(bad, "tile", 0),
                bad.stringColumn(TileStatus.COLUMN).get(0), bad.stringColumn("message").get(0));
    }

    /**
     * The phase on another engine (Spark), which writes {@code OUT/orphans.parquet} itself. The tiles summary has the
     * CPU driver's columns that later phases read ({@code tile, status, n_wise, n_orphans, missing_neighbours}); a
     * neighbour is missing by the same rule as the tiled match's: no usable Gaia file and no margin file.
     */
    private static Outcome runOn(CrossmatchEngine engine, PipelineConfig c, CrossMatcher m, Path work) {
        CrossmatchEngine.Result r = engine.orphans(c.tilesDir(), m, work.resolve(engine.engine().toString()),
                DataFile.ORPHANS.in(c.out()));
        int n = r.tiles().size();
        long[] tile = new long[n], wise = new long[n], orphans = new long[n];
        int[] missing = new int[n];
        String[] status = new String[n], message = new String[n];
        List<String> warnings = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            CrossmatchEngine.TileCount t = r.tiles().get(k);
            tile[k] = t.tile();
            wise[k] = t.wiseRows();
            orphans[k] = t.orphans();
            status[k] = TileStatus.OK.name();
            missing[k] = missingNeighbours(c.tilesDir(), t.tile());
            message[k] = missing[k] > 0 ? missing[k] + " neighbouring tile(s) have no Gaia file (or an empty or"
                    + " unreadable one): sources within R of those borders may be false orphans" : "";
        }
        long flagged = Arrays.stream(missing).filter(x -> x > 0).count();
        if (flagged > 0) {
            warnings.add(flagged + " tile(s) border a tile without Gaia: their sources within " + c.radiusArcsec()
                    + " arcsec of those borders carry the caveat missing_neighbour_tile");
        }
        TableIO.write(Table.create("tiles_summary", LongColumn.create("tile", tile),
                StringColumn.create(TileStatus.COLUMN, status), LongColumn.create("n_wise", wise),
                LongColumn.create("n_orphans", orphans), IntColumn.create("missing_neighbours", missing),
                StringColumn.create("message", message)), summaryFile(c));
        List<String> notes = new ArrayList<>(r.notes());
        notes.add(0, "engine " + engine.engine() + ": " + r.orphans() + " orphans of " + r.wiseRows() + " WISE rows in "
                + n + " tiles");
        return new Outcome(r.wiseRows(), r.orphans(), notes, warnings, List.of());
    }

    /** Neighbours of {@code tile} without a usable Gaia file, when the tile has no margin file to stand in for them. */
    private static int missingNeighbours(Path tilesDir, long tile) {
        if (Files.exists(TileLayout.marginFile(tilesDir, TileLayout.GAIA, tile))) {
            return 0;
        }
        int missing = 0;
        for (long nb : TileLayout.TILING.neighbours(tile)) {
            if (nb < 0) {
                continue;
            }
            Path f = TileLayout.tileFile(tilesDir, TileLayout.GAIA, nb);
            try {
                missing += Files.exists(f) && ParquetIO.rowCount(f) > 0 ? 0 : 1;
            } catch (TasniException unreadable) {
                missing++;
            }
        }
        return missing;
    }
}
