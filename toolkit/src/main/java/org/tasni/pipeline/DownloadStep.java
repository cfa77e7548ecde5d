package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tasni.TasniException;
import org.tasni.download.Catalog;
import org.tasni.download.Downloader;
import org.tasni.io.ResultTable;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.Table;

/**
 * Tiles and margins from the source into {@code DATA/tiles}. {@link Source#SAMPLES} reads a data directory in place
 * (it is checked, never written); TAP and IRSA download with the {@link Downloader}, whose journal resumes.
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
        return c.source() == Source.SAMPLES ? check(c) : download(c, say);
    }

    private static Outcome check(PipelineConfig c) {
        Path tiles = c.tilesDir();
        if (!Files.isDirectory(tiles)) {
            throw new TasniException(tiles + ": no such directory; --data must be a directory with a tiles/ folder "
                    + "(like data-samples/), or use --source tap|irsa to download the tiles.");
        }
        int wise = TileLayout.list(tiles, TileLayout.WISE).size(), gaia = TileLayout.list(tiles, TileLayout.GAIA).size();
        if (wise == 0) {
            throw new TasniException(tiles + ": no AllWISE tiles (wise_hpNNNNN.parquet) to match; give --data DIR with "
                    + "a tiles/ folder, or --source tap|irsa to download them.");
        }
        return Outcome.of(0, wise + gaia, String.format("%d AllWISE and %d Gaia tiles in %s (read in place)", wise,
                gaia, tiles));
    }

    private static Outcome download(PipelineConfig c, Consumer<String> say) {
        long[] tiles = c.tiles().stream().mapToLong(Long::longValue).toArray();
        List<String> notes = new ArrayList<>(), failures = new ArrayList<>();
        long rows = 0;
        Downloader allwise = c.source() == Source.IRSA ? Downloader.irsa().allwise()
                : Downloader.at(c.tapUrl().orElseThrow()).catalog(Catalog.allwise().withTable(TAP_ALLWISE));
        Downloader gaia = c.source() == Source.IRSA ? Downloader.gaia().gaiaDr3()
                : Downloader.at(c.tapUrl().orElseThrow()).gaiaDr3();
        for (Downloader d : List.of(allwise, gaia)) {
            ResultTable<Downloader.Report> r = d.tiles(tiles).to(c.tilesDir()).notices(say).run();
            notes.add(r.report().toString());
            rows += r.report().rows();
            Table failed = TileStatus.select(r, TileStatus.FAILED);
            for (int i = 0; i < failed.rowCount(); i++) {
                failures.add(String.format("tile %05d: %s", SummaryColumns.count(failed, "tile", i),
                        failed.stringColumn("message").get(i)));
            }
        }
        return new Outcome(0, rows, notes, List.of(), failures);
    }
}
