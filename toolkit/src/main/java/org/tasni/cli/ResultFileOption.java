package org.tasni.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out FILE} (required), as a picocli {@code @Mixin}: the result table of a one-file command, format by extension. */
final class ResultFileOption {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "result table (format by extension)")
    Path out;

    /** The result file. */
    Path path() {
        return out;
    }
}
