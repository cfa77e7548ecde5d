package org.tasni.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tasni.bench.BenchRow;
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

    /**
     * Prints a benchmark's table and, with {@code --out}, writes it too; the exit code is 1 when a row's agreement is
     * a mismatch or a failure ({@link BenchRow#isFailure}), else 0.
     */
    int show(Table t) {
        System.out.println(t.printAll());
        if (out != null) {
            TableIO.write(t, out);
        }
        return exitCode(t.containsColumn("agreement") ? t.stringColumn("agreement").asList() : List.of(),
                t.containsColumn("tool") ? t.stringColumn("tool").asList() : List.of());
    }

    /**
     * 1, with a line on standard error naming them, when any agreement is a mismatch or a failure; else 0.
     * {@code tools} names the rows, in the same order (empty: unnamed).
     */
    static int exitCode(List<String> agreements, List<String> tools) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < agreements.size(); i++) {
            if (BenchRow.isFailure(agreements.get(i))) {
                bad.add((i < tools.size() ? tools.get(i) + ": " : "") + agreements.get(i));
            }
        }
        if (bad.isEmpty()) {
            return 0;
        }
        System.err.println("benchmark: " + bad.size() + " row(s) disagree or failed:\n  " + String.join("\n  ", bad));
        return 1;
    }
}
