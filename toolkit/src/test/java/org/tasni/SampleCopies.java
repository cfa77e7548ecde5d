package org.tasni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies of data-samples for tests that damage or move their inputs: the samples themselves are never written. */
public final class SampleCopies {

    /** The samples' tiles, relative to a module's directory (where Maven runs its tests). */
    public static final Path TILES = Path.of("../data-samples/tiles");

    private SampleCopies() {}

    /** A data directory {@code data} holding a copy of the samples' tiles and NEOWISE epochs. */
    public static Path dataDirectory(Path data) throws IOException {
        Files.createDirectories(data.resolve("tiles"));
        try (var s = Files.list(TILES)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, data.resolve("tiles").resolve(f.getFileName()));
            }
        }
        Files.copy(TILES.resolveSibling("neowise_epochs.parquet"), data.resolve("neowise_epochs.parquet"));
        return data;
    }

    /** A directory {@code d} holding copies of the WISE and Gaia files of sample tiles {@code tiles}. */
    public static Path tiles(Path d, int... tiles) throws IOException {
        Files.createDirectories(d);
        for (int t : tiles) {
            for (String p : List.of("wise", "gaia")) {
                String f = String.format("%s_hp%05d.parquet", p, t);
                Files.copy(TILES.resolve(f), d.resolve(f));
            }
        }
        return d;
    }
}
