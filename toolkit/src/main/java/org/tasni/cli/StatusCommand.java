package org.tasni.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import org.tasni.io.ParquetIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status [DIR]}: what data and outputs exist under a data directory, and which optional parts work here. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the data and outputs under DIR (tiles, epochs, results) and which optional parts are available.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "data directory (default: .)")
    Path dir = Path.of(".");

    @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR", description = "where results are (default: DIR/out)")
    Path out;

    /** Inputs under the data directory, then results under the output directory, in pipeline order. */
    static final String[] INPUTS = {"targets.parquet", "neowise_epochs.parquet"};
    static final String[] RESULTS = {"orphans.parquet", "candidates.parquet", "variability.parquet", "periodogram.parquet"};

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new TasniException(dir + ": no such directory.");
        }
        System.out.println("=== TASNI status: " + dir.toAbsolutePath().normalize() + " ===");
        Path tiles = Files.isDirectory(dir.resolve("tiles")) ? dir.resolve("tiles") : dir;
        tileLine("WISE tiles", tiles, "wise_hp");
        tileLine("Gaia tiles", tiles, "gaia_hp");
        for (String line : org.tasni.download.Downloader.describe(tiles)) {
            System.out.println("  download journal, " + line);
        }
        System.out.println();
        System.out.println("Files:");
        Path results = out != null ? out : dir.resolve("out");
        String resultsLabel = out != null ? out.toString() : "out";
        java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
        for (String o : INPUTS) {
            files.put(o, dir.resolve(o));
        }
        for (String o : RESULTS) {
            files.put(resultsLabel + "/" + o, results.resolve(o));
        }
        for (var f : files.entrySet()) {
            String label = f.getKey();
            Path p = f.getValue();
            if (Files.isRegularFile(p)) {
                System.out.printf("  %-36s YES  %,12d rows  %8.1f MB%n", label, rows(p), Files.size(p) / 1048576.0);
            } else {
                System.out.printf("  %-36s no%n", label);
            }
        }
        List<Path> stray = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 3)) {
            s.filter(AtomicFiles::isTemporary).forEach(stray::add);
        }
        if (!stray.isEmpty()) {
            System.out.printf("  %d unfinished temporary file(s) from an interrupted write, e.g. %s (safe to delete)%n",
                    stray.size(), stray.get(0));
        }
        System.out.println();
        System.out.println("Optional parts:");
        Environment env = Environment.probe();
        System.out.printf("  %-14s %s%n", "GPU driver", env.gpu());
        System.out.printf("  %-14s %s%n", "Spark", env.spark());
        System.out.printf("  %-14s %s%n", "Jupyter", env.jupyter());
        return 0;
    }

    private static long rows(Path p) {
        try {
            return ParquetIO.rowCount(p);
        } catch (TasniException e) {
            return -1;
        }
    }

    private static void tileLine(String label, Path dir, String prefix) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches(prefix + "\\d{5}\\.parquet")).sorted().forEach(files::add);
        }
        long bytes = 0, rows = 0;
        int unreadable = 0;
        for (Path f : files) {
            bytes += Files.size(f);
            long r = rows(f);
            if (r < 0) {
                unreadable++;
            } else {
                rows += r;
            }
        }
        String range = files.isEmpty() ? "" : " (" + tileNumber(files.get(0)) + "–" + tileNumber(files.get(files.size() - 1)) + ")";
        System.out.printf("%-12s %5d / 12288%s, %,d rows, %.1f MB%s%n", label + ":", files.size(), range, rows,
                bytes / 1048576.0, unreadable > 0 ? ", " + unreadable + " UNREADABLE" : "");
    }

    private static String tileNumber(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.indexOf("hp") + 2, n.indexOf("hp") + 7);
    }
}
