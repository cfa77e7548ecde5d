package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tasni.io.TileLayout.DataFile;

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

    /** The file a run holds locked while it writes into {@code out} ({@link OutputLock}); it says who holds it. */
    static Path lockFile(Path out) {
        return stampsDir(out).resolve("lock");
    }

    /** Whether a pipeline run has written into {@code out}: it holds the pipeline's own records. */
    static boolean isRunOutput(Path out) {
        return Files.isDirectory(stampsDir(out)) || Files.isRegularFile(DataFile.RUN.in(out));
    }
}
