package org.tasni.pipeline;

import java.nio.file.Path;

/** The pipeline's own folders inside an output directory (file names are {@code TileLayout.DataFile}'s). */
final class PipelineLayout {

    private PipelineLayout() {}

    /** The tiled crossmatch's per-tile outputs and records, and its tile summary. */
    static Path crossmatchDir(Path out) {
        return out.resolve("crossmatch");
    }

    /** The phases' stamps. */
    static Path stampsDir(Path out) {
        return out.resolve(".pipeline");
    }
}
