package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tasni.io.TileLayout;

/**
 * The tile files of a data directory that the crossmatch reads: the WISE and Gaia tiles and their margin files. Only
 * files named as tiles ({@code wise_hpNNNNN.parquet}, {@code gaia_hpNNNNN.parquet}) count, in the margin folder as
 * beside it: any other file there is read by nothing, and taking it for an input would tie the crossmatch's reuse (and
 * run.json) to files that are not the data's.
 */
final class TileFiles {

    private TileFiles() {}

    static List<Path> of(PipelineConfig c) {
        Path tiles = c.tilesDir();
        if (!Files.isDirectory(tiles)) {
            return List.of(); // nothing downloaded yet
        }
        List<Path> files = new ArrayList<>(TileLayout.list(tiles, TileLayout.WISE).values());
        files.addAll(TileLayout.list(tiles, TileLayout.GAIA).values());
        Path margin = TileLayout.marginDir(tiles);
        if (Files.isDirectory(margin)) {
            List<Path> m = new ArrayList<>(TileLayout.list(margin, TileLayout.WISE).values());
            m.addAll(TileLayout.list(margin, TileLayout.GAIA).values());
            m.stream().filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }
}
