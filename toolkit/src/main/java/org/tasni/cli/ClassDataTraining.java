package org.tasni.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tasni.io.TableIO;
import picocli.CommandLine;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The workload that the launcher ({@code toolkit/bin/tasni}) runs once per jar and JVM under
 * {@code -XX:ArchiveClassesAtExit}, to make the class-data-sharing archive that later starts map instead of loading
 * and verifying the same few thousand classes from the jar each time.
 *
 * <p>It loads what a command's start loads: every command's model (picocli's own classes cannot be archived: they
 * are compiled for Java 5; ours and their annotations can), and a small table written and read back in every format
 * through the same paths as {@code convert} (Parquet with its Hadoop classes, CSV, ECSV, Arrow, VOTable, and Tablesaw
 * with its class-path scan), and a small {@code crossmatch}. A class it does not load is simply loaded from the jar as
 * before: the archive speeds starts up, it never changes what runs.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {}

    /**
     * Runs the workload in a temporary directory that it deletes; prints only what {@code convert} and
     * {@code crossmatch} print.
     */
    public static void main(String[] args) throws IOException {
        UsageText.render(CommandLine.Help.Ansi.OFF);
        // over 32,767 distinct strings: Tablesaw's int dictionary, as in an epochs file's designations
        StringColumn many = StringColumn.create("many");
        for (int i = 0; i < 40_000; i++) {
            many.append(Integer.toString(i));
        }
        Path dir = Files.createTempDirectory("tasni-class-data");
        try {
            Path parquet = dir.resolve("sample.parquet");
            TableIO.write(sample(), parquet);
            for (String ext : List.of("csv", "ecsv", "arrow", "vot")) {
                Path out = dir.resolve("sample." + ext);
                // the command line's own path first: picocli's parsing and ConvertCommand, as a user's convert runs
                if (Main.run("convert", parquet.toString(), out.toString()) != 0) {
                    throw new IllegalStateException("convert to " + out.getFileName() + " failed");
                }
                TableIO.read(out);
            }
            crossmatch(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The {@code crossmatch} command as a user runs it, on two small Parquet catalogues of which half the left rows
     * have no counterpart: its reads, zone index, kernel and the orphans' PLAIN writer ({@code ParquetPlainWriter}),
     * whose classes a convert does not load.
     */
    private static void crossmatch(Path dir) {
        int n = 2000;
        StringColumn name = StringColumn.create("designation");
        DoubleColumn ra = DoubleColumn.create("ra", n), dec = DoubleColumn.create("dec", n);
        DoubleColumn rra = DoubleColumn.create("ra", n), rdec = DoubleColumn.create("dec", n);
        LongColumn cntr = LongColumn.create("cntr", n), id = LongColumn.create("source_id", n);
        for (int i = 0; i < n; i++) {
            name.append("J" + (100000 + i));
            // distinct positions along a line, 4.4" apart: columns the PLAIN writer takes (no dictionary would pay)
            ra.set(i, 10 + i * 0.001);
            dec.set(i, 20 + i * 0.0007);
            cntr.set(i, 5_000_000_000L + i);
            // every other right source 1' away from its left one: those left rows are orphans
            rra.set(i, ra.getDouble(i) + (i % 2 == 0 ? 0 : 1 / 60.0));
            rdec.set(i, dec.getDouble(i));
            id.set(i, 4_000_000_000_000_000_000L + i);
        }
        Path left = dir.resolve("left.parquet"), right = dir.resolve("right.parquet");
        TableIO.write(Table.create("left", cntr, name, ra, dec), left);
        TableIO.write(Table.create("right", id, rra, rdec), right);
        if (Main.run("crossmatch", "--left", left.toString(), "--right", right.toString(), "--radius", "3",
                "--out", dir.resolve("orphans.parquet").toString()) != 0) {
            throw new IllegalStateException("crossmatch failed");
        }
    }

    /**
     * Rows of each column type the toolkit writes: more than 127 distinct strings, so that Tablesaw's string columns
     * take their short dictionary as a catalogue's do (a larger one is loaded in {@link #main} without any I/O).
     */
    private static Table sample() {
        int n = 1000;
        StringColumn name = StringColumn.create("designation");
        DoubleColumn ra = DoubleColumn.create("ra", n), dec = DoubleColumn.create("dec", n);
        FloatColumn mag = FloatColumn.create("w1mpro", n);
        IntColumn visits = IntColumn.create("visits", n);
        LongColumn id = LongColumn.create("source_id", n);
        for (int i = 0; i < n; i++) {
            name.append("J" + (100000 + i));
            ra.set(i, i * 3.6);
            dec.set(i, i * 0.9 - 45);
            mag.set(i, 10 + i / 10f);
            visits.set(i, i % 7);
            id.set(i, 1_000_000_000_000L + i);
        }
        return Table.create("sample", name, ra, dec, mag, visits, id);
    }
}
