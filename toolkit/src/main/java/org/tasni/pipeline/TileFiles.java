package org.tasni.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import org.tasni.io.TileLayout;

/** The tile files of a data directory that the crossmatch reads: the WISE and Gaia tiles and the margin files. */
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
            try (Stream<Path> s = Files.list(margin)) {
                s.filter(Files::isRegularFile).filter(p -> !AtomicFiles.isTemporary(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new TasniException(margin + ": cannot list (" + e.getMessage() + ").", e);
            }
        }
        return files;
    }
}
