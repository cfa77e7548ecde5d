package org.tasni.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out DIR} (required), as a picocli {@code @Mixin}: the output directory of a command that writes several files. */
final class OutDirOption {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    /** The output directory. */
    Path path() {
        return out;
    }
}
