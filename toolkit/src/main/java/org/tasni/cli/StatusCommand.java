package org.tasni.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.pipeline.Pipeline;
import tech.tablesaw.api.Table;
import org.tasni.download.Downloader;
import org.tasni.io.AtomicFiles;
import org.tasni.io.ParquetIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.io.TileLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status [DIR]}: what data and outputs exist under a data directory, and which optional parts work here. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the data and outputs under DIR (tiles, epochs, results) and which optional parts are available.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "data directory, or a run's output directory (default: the data directory that --out's "
                    + "run.json records, else .)")
    Path dir;

    @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR", description = "where results are (default: DIR/out)")
    Path out;

    /** Inputs under the data directory, then results under the output directory, in pipeline order. */
    static final DataFile[] INPUTS = {DataFile.TARGETS, DataFile.NEOWISE_EPOCHS};
    static final DataFile[] RESULTS = {DataFile.ORPHANS, DataFile.CANDIDATES, DataFile.NEOWISE_EPOCHS, DataFile.VARIABILITY,
        DataFile.PERIODOGRAM, DataFile.RANKED, DataFile.REPORT};

    @Override
    public Integer call() throws IOException {
        boolean dirGiven = dir != null;
        if (!dirGiven) {
            dir = Path.of(".");
        }
        if (!Files.isDirectory(dir)) {
            throw new TasniException(dir + (Files.exists(dir) ? ": not a directory (give the data directory, or a run's "
                    + "output directory)." : ": no such directory."));
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new TasniException("--out " + out + ": not a directory (give the directory the results are in).");
        }
        // DIR is a pipeline's output directory when a run wrote it: then the data are in the directory it recorded;
        // so are they when only --out is given. A DIR given with --out is the data directory, wherever run.json says
        // the data were (they may have moved since)
        boolean dirIsRun = out == null && Files.isRegularFile(DataFile.RUN.in(dir));
        Path results = out != null ? out : dirIsRun ? dir : dir.resolve("out");
        String resultsLabel = out != null ? out.toString() : dirIsRun ? "." : "out";
        boolean recorded = dirIsRun || (!dirGiven && Files.isRegularFile(DataFile.RUN.in(results)));
        if (recorded) {
            dir = Pipeline.at(results).config().data();
        }
        System.out.println("=== TASNI status: " + dir.toAbsolutePath().normalize() + " ===");
        if (Files.isDirectory(dir)) {
            Path tiles = Files.isDirectory(TileLayout.tilesDir(dir)) ? TileLayout.tilesDir(dir) : dir;
            tileLine("WISE tiles", tiles, TileLayout.WISE);
            tileLine("Gaia tiles", tiles, TileLayout.GAIA);
            for (String line : Downloader.describe(tiles)) {
                System.out.println("  download journal, " + line);
            }
        } else {
            // the run's record names a data directory that is no longer there: say so, and show the results all the same
            System.out.println("the data directory " + dir + " (recorded in " + DataFile.RUN.in(results) + ") is gone: "
                    + "moved or deleted? Give the one the data are in now: status DIR --out " + results);
        }
        System.out.println();
        System.out.println("Files:");
        Map<String, Path> files = new LinkedHashMap<>();
        for (DataFile o : INPUTS) {
            files.put(o.fileName(), o.in(dir));
        }
        for (DataFile o : RESULTS) {
            files.put(resultsLabel + "/" + o.fileName(), o.in(results));
        }
        for (var f : files.entrySet()) {
            String label = f.getKey();
            Path p = f.getValue();
            long n = Files.isRegularFile(p) ? rows(p) : 0;
            if (Files.isRegularFile(p) && !p.toString().endsWith(".parquet")) {
                System.out.printf("  %-36s YES  %17s  %8.1f MB%n", label, "", Files.size(p) / 1048576.0);
                continue;
            }
            if (Files.isRegularFile(p) && n < 0) {
                // a zero-byte or cut file (an interrupted copy): exists, but holds no readable table
                System.out.printf("  %-36s UNREADABLE  %8.1f MB%n", label, Files.size(p) / 1048576.0);
            } else if (Files.isRegularFile(p)) {
                System.out.printf("  %-36s YES  %,12d rows  %8.1f MB%n", label, n, Files.size(p) / 1048576.0);
            } else {
                System.out.printf("  %-36s no%n", label);
            }
        }
        // the data directory's and the results', each once (the results are often inside the data directory)
        Set<Path> stray = new TreeSet<>();
        for (Path d : List.of(dir, results)) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d, 3)) {
                    s.filter(AtomicFiles::isTemporary).map(p -> p.toAbsolutePath().normalize()).forEach(stray::add);
                }
            }
        }
        // judged once: a writer may finish between two looks
        Map<Boolean, List<Path>> byStale = stray.stream().collect(Collectors.partitioningBy(AtomicFiles::isStale));
        List<Path> dead = byStale.get(true), live = byStale.get(false);
        if (!dead.isEmpty()) {
            System.out.printf("  %d unfinished temporary file(s) of an interrupted write, e.g. %s (safe to delete; "
                    + "the next write into its directory removes it)%n", dead.size(), dead.get(0));
        }
        if (!live.isEmpty()) {
            System.out.printf("  %d temporary file(s) being written now, by a running process or on another host, "
                    + "e.g. %s%n", live.size(), live.get(0));
        }
        pipelineSection(results, dir);
        System.out.println();
        System.out.println("Optional parts:");
        Environment env = Environment.probe();
        System.out.printf("  %-14s %s%n", "GPU driver", env.gpu());
        System.out.printf("  %-14s %s%n", "Spark", env.spark());
        System.out.printf("  %-14s %s%n", "Jupyter", env.jupyter());
        return 0;
    }

    /**
     * The pipeline's phases in {@code out}, when a {@code run} wrote it: done, stale or missing, rows and time, judged
     * against the data in {@code data} (the directory status shows, not necessarily the one run.json recorded).
     */
    private static void pipelineSection(Path out, Path data) {
        if (!Files.isRegularFile(DataFile.RUN.in(out))) {
            return;
        }
        System.out.println();
        System.out.println("Pipeline (" + out + "): phase, status, rows out, seconds, what is missing and why");
        Table t = Pipeline.of(Pipeline.at(out).config().withData(data)).status();
        for (int i = 0; i < t.rowCount(); i++) {
            String missing = t.stringColumn("missing").get(i), why = t.stringColumn("why").get(i);
            System.out.printf("  %-12s %-8s %,10d rows %8.2f s  %s%n", t.stringColumn("phase").get(i).toLowerCase(),
                    t.stringColumn("status").get(i).toLowerCase(), t.longColumn("rows_out").get(i),
                    t.doubleColumn("elapsed_s").get(i), missing.isEmpty() ? why
                            : why.isEmpty() ? "missing: " + missing : "missing: " + missing + "; " + why);
        }
        if (Files.isRegularFile(DataFile.REPORT.in(out))) {
            System.out.println("  report: " + DataFile.REPORT.in(out).toAbsolutePath().normalize());
        }
    }

    private static long rows(Path p) {
        try {
            return ParquetIO.rowCount(p);
        } catch (TasniException e) {
            return -1;
        }
    }

    private static void tileLine(String label, Path dir, String prefix) throws IOException {
        var byTile = TileLayout.list(dir, prefix);
        List<Path> files = new ArrayList<>(byTile.values());
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
        String range = files.isEmpty() ? "" : String.format(" (%05d–%05d)", byTile.firstKey(), byTile.lastKey());
        System.out.printf("%-12s %5d / 12288%s, %,d rows, %.1f MB%s%n", label + ":", files.size(), range, rows,
                bytes / 1048576.0, unreadable > 0 ? ", " + unreadable + " UNREADABLE" : "");
    }
}
