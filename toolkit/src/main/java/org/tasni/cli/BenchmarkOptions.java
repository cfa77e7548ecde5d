package org.tasni.cli;

import java.nio.file.Path;
import org.tasni.bench.CrossmatchBenchmark;
import org.tasni.io.Format;
import org.tasni.io.OutputPaths;
import org.tasni.io.TableIO;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * The options every {@code benchmark} subcommand has, as a picocli {@code @Mixin}: its working directory
 * ({@code --dir}, default {@code bench-<name>}) and where to write its result table too ({@code --out}).
 */
final class BenchmarkOptions {

    @Option(names = "--dir", paramLabel = "DIR", description = "working directory (default: bench-<benchmark>)")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the result table (.csv, .parquet, …)")
    Path out;

    /**
     * The working directory ({@code bench-<name>} unless given), checked, with {@code --out}, before a benchmark spends
     * minutes: it can be a directory, and {@code --out} has a known format and can be written.
     */
    Path checkedDir(String name) {
        // absolute (workDir): peers and child processes run inside it, where a relative path would name d/d/…
        Path d = CrossmatchBenchmark.workDir(dir != null ? dir : Path.of("bench-" + name));
        if (out != null) {
            Format.of(out);
            OutputPaths.requireDirectoryPossible(out);
        }
        return d;
    }

    /** Prints a benchmark's table and, with {@code --out}, writes it too. */
    int show(Table t) {
        System.out.println(t.printAll());
        if (out != null) {
            TableIO.write(t, out);
        }
        return 0;
    }
}
