package org.tasni.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tasni.TasniException;
import org.tasni.crossmatch.TiledMatch;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code crossmatch-tiles}: orphans of a directory of HEALPix tiles, border-safe and resumable. */
@Command(name = "crossmatch-tiles", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the orphans of every wise_hpNNNNN.parquet tile against gaia_hpNNNNN.parquet (nside 32),",
                "with margins from neighbouring Gaia tiles so that no match across a border is lost.",
                "Writes OUT/orphans_hpNNNNN.parquet per tile and the merged OUT/orphans.parquet; finished tiles are skipped."})
final class CrossmatchTilesCommand implements Callable<Integer> {

    @Option(names = "--tiles", required = true, paramLabel = "DIR", description = "directory of wise_hp*/gaia_hp* tiles")
    Path tiles;

    @Mixin
    OutDirOption outDir;

    @Mixin
    MatchOptions options;

    @Option(names = "--margin", paramLabel = "ARCSEC",
            description = "margin taken from neighbouring tiles, ≥ radius (default: max(radius, 60)); nearest_sep_arcsec is exact up to it")
    Double margin;

    @Mixin
    StatsJsonOption stats;

    @Override
    public Integer call() {
        Path out = outDir.path();
        Path statsJson = stats.path(), summaryFile = DataFile.TILES_SUMMARY.in(out);
        if (statsJson != null) {
            // the tiled driver checks its own outputs; the stats file must not be a tile either
            OutputPaths.refuseInputs(statsJson, tileFiles());
            if (Files.isDirectory(tiles)) { // else the run refuses the directory, with its own words
                for (Path own : TileLayout.tiledMatchOutputs(out, TileLayout.list(tiles, TileLayout.WISE).keySet())) {
                    OutputPaths.refuseClash(statsJson, own);
                }
            }
        }
        OutputPaths.refuseInputs(summaryFile, tileFiles());
        long t0 = System.nanoTime();
        TiledMatch tm = TiledMatch.of(options.matcher()).progress(ConsoleProgress.forTerminal());
        if (margin != null) {
            tm = tm.margin(margin);
        }
        ResultTable<TiledMatch.Report> summary = tm.run(tiles, out);
        TiledMatch.Report rep = summary.report();
        if (!tm.ignoredFiles().isEmpty()) {
            System.out.println("warning: ignored: files that look like tiles but are not named wise_hpNNNNN.parquet or "
                    + "gaia_hpNNNNN.parquet (5 digits): " + String.join(", ",
                            tm.ignoredFiles().stream().map(f -> f.getFileName().toString()).toList()));
        }
        double totalS = StatsJson.since(t0);
        Table bad = TileStatus.select(summary, TileStatus.NO_GAIA, TileStatus.EMPTY_GAIA, TileStatus.ERROR);
        System.out.printf("%s → %s (%.1f s)%n", rep,
                rep.ok() + rep.doneBefore() > 0 ? DataFile.ORPHANS.in(out) : "no orphans.parquet: no tile was matched", totalS);
        if (rep.recomputed() > 0) {
            System.out.printf("%d tile(s) recomputed because the options/inputs changed since their last run%n",
                    rep.recomputed());
        }
        DropCounts wiseDrops = counts(rep.wiseDropped()), gaiaDrops = counts(rep.gaiaDropped());
        System.out.printf("rows not used: wise %s; gaia %s%n", wiseDrops, gaiaDrops);
        if (rep.flagged() > 0) {
            System.out.printf("warning: %d tile(s) border a tile that has no Gaia file (or an empty or unreadable one); their sources within the radius of"
                    + " those borders may be false orphans (see missing_neighbours in %s)%n", rep.flagged(),
                    summaryFile);
        }
        TableIO.write(summary, summaryFile);
        DropCounts both = new DropCounts();
        both.addAll(wiseDrops);
        both.addAll(gaiaDrops);
        new StatsJson().put("total_s", totalS).put("match_s", StatsJson.seconds(rep.matchSeconds()))
                .put("n_tiles", rep.tiles()).put("n_tiles_ok", rep.ok()).put("n_tiles_done_before", rep.doneBefore())
                .put("n_tiles_not_matched", rep.notMatched()).put("n_out", rep.orphans())
                .put("n_tiles_recomputed", rep.recomputed()).put("n_tiles_no_gaia", rep.noGaia())
                .put("n_tiles_empty_gaia", rep.emptyGaia()).put("n_tiles_flagged", rep.flagged())
                .put("n_wise_dropped", wiseDrops.total()).put("n_gaia_dropped", gaiaDrops.total()).putDrops(both)
                .writeIfAsked(statsJson);
        if (bad.rowCount() > 0) {
            StringBuilder sb = new StringBuilder();
            // a bad neighbour fails every tile around it with the same long message: say it once, then refer to it
            Map<String, Long> firstWith = new HashMap<>();
            for (int i = 0; i < Math.min(5, bad.rowCount()); i++) {
                long tile = bad.longColumn("tile").get(i);
                String msg = bad.stringColumn("message").get(i);
                Long first = firstWith.putIfAbsent(msg, tile);
                sb.append(String.format("%n  tile %05d %s: %s", tile, bad.stringColumn("status").get(i),
                        first == null ? msg : String.format("the same error as tile %05d", first)));
            }
            throw new TasniException(bad.rowCount() + " of " + summary.rowCount() + " tiles were not matched and are not in "
                    + "orphans.parquet:" + sb + "\nFix or download them and run again; finished tiles are kept.");
        }
        return 0;
    }

    private static DropCounts counts(Map<DropReason, Long> m) {
        DropCounts d = new DropCounts();
        m.forEach(d::add);
        return d;
    }

    /** The files of the tile directory and its margin folder: what no output may be. */
    private List<Path> tileFiles() {
        List<Path> files = new ArrayList<>();
        for (Path d : List.of(tiles, TileLayout.marginDir(tiles))) {
            if (Files.isDirectory(d)) {
                try (var s = Files.list(d)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                } catch (IOException e) {
                    throw new TasniException(d + ": cannot list (" + e.getMessage() + ").", e);
                }
            }
        }
        return files;
    }
}
