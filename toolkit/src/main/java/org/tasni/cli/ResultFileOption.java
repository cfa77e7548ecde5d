package org.tasni.cli;

import java.nio.file.Path;
import org.tasni.io.OutputPaths;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --out FILE} (required) and {@code --stats-json FILE}, as a picocli {@code @Mixin}: the result table of a
 * one-file command (format by extension) and its timings and counts, with the one check every such command makes
 * before it reads anything.
 */
final class ResultFileOption {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "result table (format by extension)")
    Path out;

    @Mixin
    StatsJsonOption stats;

    /** The result file. */
    Path path() {
        return out;
    }

    /** The stats file, or null when none was asked for. */
    Path statsJson() {
        return stats.path();
    }

    /**
     * Refuses, before anything is read, a result or stats file that is one of {@code inputs}, and a stats file that is
     * the result file.
     */
    void refuseOverwriting(Path... inputs) {
        OutputPaths.refuseInputs(out, inputs);
        if (stats.path() != null) {
            OutputPaths.refuseInputs(stats.path(), inputs);
            OutputPaths.refuseClash(stats.path(), out);
        }
    }
}
