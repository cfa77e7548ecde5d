package org.tasni.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --stats-json FILE}, as a picocli {@code @Mixin}: where a command writes its {@link StatsJson}, if anywhere. */
final class StatsJsonOption {

    @Option(names = "--stats-json", paramLabel = "FILE", description = "write timings and counts as JSON")
    Path statsJson;

    /** The file, or null when none was asked for. */
    Path path() {
        return statsJson;
    }
}
