package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.TasniException;
import org.tasni.download.Catalog;
import org.tasni.download.Downloader;
import org.tasni.download.TileSource;
import org.tasni.io.ResultTable;
import org.tasni.io.TableReport;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.Table;

/**
 * Tiles and margins from the source into {@code DATA/tiles}, through one {@link TileSource} per catalogue:
 * {@link SampleTiles} for {@link Source#SAMPLES} (its own tiles, read in place, never written), the {@link Downloader}
 * for TAP and IRSA (its journal resumes).
 */
final class DownloadStep implements Step {

    /** The table names of an IRSA-shaped TAP service other than IRSA's own (our local DaCHS serves these). */
    static final String TAP_ALLWISE = "irsa.allwise_p3as_psd";

    @Override
    public Phase phase() {
        return Phase.DOWNLOAD;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        return List.of();
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return TileFiles.of(c);
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Path dir = c.tilesDir();
        List<TileSource> sources;
        long[] tiles;
        if (c.source() == Source.SAMPLES) {
            // the samples' own tiles, whichever they are (data-samples has four; a simulated 10x area forty)
            tiles = SampleTiles.present(dir, TileLayout.WISE);
            if (tiles.length == 0) {
                throw new TasniException(dir + ": no AllWISE tiles (wise_hpNNNNN.parquet) to match; give --data DIR "
                        + "with a tiles/ folder, or --source tap|irsa to download them.");
            }
            sources = List.of(new SampleTiles(dir, TileLayout.WISE), new SampleTiles(dir, TileLayout.GAIA));
        } else {
            tiles = c.tiles().stream().mapToLong(Long::longValue).toArray();
            Downloader allwise = c.source() == Source.IRSA ? Downloader.irsa().allwise()
                    : Downloader.at(c.tapUrl().orElseThrow()).catalog(Catalog.allwise().withTable(TAP_ALLWISE));
            Downloader gaia = c.source() == Source.IRSA ? Downloader.gaia().gaiaDr3()
                    : Downloader.at(c.tapUrl().orElseThrow()).gaiaDr3();
            sources = List.of(allwise.notices(say), gaia.notices(say));
        }
        List<String> notes = new ArrayList<>(), failures = new ArrayList<>();
        long files = 0;
        for (TileSource s : sources) {
            ResultTable<? extends TableReport> r = s.fetch(tiles, dir);
            notes.add(r.report().toString());
            Table failed = TileStatus.select(r, TileStatus.FAILED);
            for (int i = 0; i < failed.rowCount(); i++) {
                failures.add(String.format("tile %05d: %s", SummaryColumns.count(failed, "tile", i),
                        failed.stringColumn("message").get(i)));
            }
            files += r.rowCount() - failed.rowCount();
        }
        return new Outcome(0, files, notes, List.of(), failures);
    }
}
