package org.tasni.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Map;
import org.tasni.io.TableIO;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The rows of {@code benchmark all} that time whole toolkit processes as a user starts them: the cold CLI start
 * ({@code convert} of data-samples' targets to CSV, and {@code --help}) against STILTS {@code tcopy}, and the whole
 * pipeline {@code run} on data-samples, fresh and rerun.
 *
 * <p>Every figure is a fresh process, so "cold" is the first one and "warm" the best of the next {@code repeat}: the
 * JVM starts cold each time; only the operating system's caches are warm. Before the first timed process, the files
 * each tool starts from (the toolkit's jar and class-data archive, STILTS's jars, each JVM's {@code lib/modules}) and
 * the input are read once into the page cache ({@link Stilts#pageIn}), so that "cold" is a fresh process as a user
 * meets it the second time a day, not a cold disk, and no tool alone pays for reading its jar from the disk. Peak
 * memory is each process's peak resident set ({@link ChildRun}).
 */
final class ProcessBenchmarks {

    private static final String COLD_START = "cold CLI start: targets.parquet → CSV";
    private static final String PIPELINE = "pipeline run on data-samples";

    private final Optional<Path> jar;
    private final Path data;
    private final int repeat;
    private final boolean stilts;

    /**
     * @param jar    the toolkit jar to start; empty: the toolkit rows say why they did not run
     * @param data   the data-samples directory
     * @param repeat processes after the first
     * @param stilts whether STILTS is one of the peers to run
     */
    ProcessBenchmarks(Optional<Path> jar, Path data, int repeat, boolean stilts) {
        this.jar = jar;
        this.data = data.toAbsolutePath().normalize();
        this.repeat = repeat;
        this.stilts = stilts;
    }

    /**
     * {@code convert targets.parquet x.csv} and {@code --help} as fresh processes, and STILTS {@code tcopy} of the same
     * rows from FITS ({@link Stilts#FITS}: of the formats it reads, the one it starts on fastest for this table). The
     * converts and {@code tcopy} are timed in turn ({@link #timesInTurn}), each one's first process after a pause
     * ({@link ChildRun#settle}), so that each tool meets the machine in the same state.
     */
    List<BenchRow> coldStart(Path dir) throws IOException, InterruptedException {
        Path targets = data.resolve("targets.parquet");
        List<BenchRow> rows = new ArrayList<>();
        if (jar.isEmpty() || !Files.isRegularFile(targets)) {
            rows.add(BenchRow.notInstalled(COLD_START, "tasni CLI", jar.isEmpty() ? "not run from the toolkit jar"
                    : "no " + targets));
            return rows;
        }
        Files.createDirectories(dir);
        Table expected = TableIO.read(targets);
        // README's way to start the toolkit is its launcher (JVM options and a class-data archive java -jar cannot
        // carry): when it is there, its row is the one the others are compared with
        Optional<Path> launcher = launcher();
        String archive = "its class-data archive was already made";
        if (launcher.isPresent() && !hasArchive()) {
            // made before the pause, by a start that reads nothing (as the io benchmark's probes make it): its
            // training JVM, seconds of work, would otherwise run in the first round, just before another tool's first
            ChildRun.run(List.of(launcher.get().toString(), "status", dir.toAbsolutePath().toString()), dir, 5);
            archive = "its class-data archive made by a `status` start before these runs (once per jar and JVM)";
        }
        List<List<String>> cmds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Path csv = dir.resolve("targets_tasni.csv"), viaLauncher = dir.resolve("targets_launcher.csv");
        cmds.add(List.of(ChildRun.javaExe(), "-jar", jar.get().toString(), "convert", targets.toString(), csv.toString()));
        names.add("java -jar");
        launcher.ifPresent(l -> {
            cmds.add(List.of(l.toString(), "convert", targets.toString(), viaLauncher.toString()));
            names.add("toolkit/bin/tasni");
        });
        String stiltsMissing = !stilts ? null : Stilts.missing().orElse(null);
        boolean runStilts = stilts && stiltsMissing == null;
        // STILTS reads Parquet only with optional jars: it copies the same rows from FITS, which it reads natively
        // (row-oriented fits-basic: for 400 rows it started on it no slower than on colfits-basic, and faster than on
        // a VOTable or CSV)
        Path fits = dir.resolve("targets.fits"), theirs = dir.resolve("targets_stilts.csv");
        if (runStilts) {
            Stilts.writeFits(expected, fits, Stilts.FITS);
            cmds.add(List.of(Stilts.SCRIPT.toString(), "tcopy", "in=" + fits, "ifmt=fits", "out=" + theirs, "ofmt=csv"));
            names.add("STILTS");
        }
        List<Path> files = new ArrayList<>(toolkitStartFiles(jar.get()));
        files.add(targets);
        if (runStilts) {
            files.addAll(Stilts.startFiles());
            files.add(fits);
        }
        Stilts.pageIn(files);
        int start = firstOfRoundZero(cmds.size());
        List<Timed> timed = timesInTurn(cmds, dir, start, true);
        String inTurn = cmds.size() > 1 ? "; " + inTurn(names, start) : "";
        String same = difference(expected, TableIO.read(csv));
        BenchRow tasni = timed.get(0).row(COLD_START, "tasni convert (java -jar)",
                same == null ? "ok: the CSV holds the Parquet file's " + expected.rowCount() + " rows" : "mismatch: " + same,
                expected.rowCount() + " rows × " + expected.columnCount() + " columns; Parquet in, CSV out" + inTurn);
        BenchRow reference = tasni;
        if (launcher.isPresent()) {
            String sameL = difference(expected, TableIO.read(viaLauncher));
            reference = timed.get(1).row(COLD_START, "tasni convert (toolkit/bin/tasni)", sameL == null ? "ok: the CSV holds the "
                    + "Parquet file's " + expected.rowCount() + " rows" : "mismatch: " + sameL,
                    "Parquet in, CSV out; " + archive + inTurn);
            rows.add(reference.withRatioTo(reference.time()));
        }
        rows.add(tasni.withRatioTo(reference.time()));
        Timed help = times(List.of(ChildRun.javaExe(), "-jar", jar.get().toString(), "--help"), dir);
        boolean usage = help.last.output().contains("Usage:");
        rows.add(help.row("cold CLI start: --help", "tasni --help (java -jar)",
                usage ? "ok: usage printed" : "mismatch: no usage in the output", "no peer (goal ≤ 0.3 s)"));
        if (launcher.isPresent()) {
            Timed lh = times(List.of(launcher.get().toString(), "--help"), dir);
            rows.add(lh.row("cold CLI start: --help", "tasni --help (toolkit/bin/tasni)", lh.last.output().contains("Usage:")
                    ? "ok: usage printed" : "mismatch: no usage in the output", "no peer (goal ≤ 0.3 s)"));
        }
        if (stiltsMissing != null) {
            rows.add(BenchRow.notInstalled(COLD_START, "STILTS tcopy (FITS in, CSV out)", stiltsMissing));
        } else if (runStilts) {
            // compared as the toolkit's CSV is: every row and column, numbers to a float's printed digits
            String sameS = difference(expected, TableIO.read(theirs));
            rows.add(timed.get(cmds.size() - 1).row(COLD_START, "STILTS tcopy (FITS in, CSV out)", sameS == null
                    ? "ok: the CSV holds the Parquet file's " + expected.rowCount() + " rows" : "mismatch: " + sameS,
                    "the same rows from FITS (fits-basic, written by STIL before the runs)" + inTurn)
                    .withRatioTo(reference.time()));
        }
        return rows;
    }

    /**
     * Which command round 0 starts with: drawn afresh each run, so that no tool always has the first cold process (the
     * rows' notes say which did); each first process follows a pause all the same.
     */
    private static int firstOfRoundZero(int n) {
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(n);
    }

    private static String inTurn(List<String> names, int start) {
        List<String> order = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            order.add(names.get((start + j) % names.size()));
        }
        return "timed in turn with the other tools of this row (one process of each per round, the order rotated each "
                + "round, the first round's " + String.join(", ", order) + "); each tool's first process after a "
                + ChildRun.SETTLE_MILLIS / 1000 + " s pause; its jars and the input read into the page cache before";
    }

    /**
     * The files a toolkit process starts from, for {@link Stilts#pageIn}: the jar, the launcher's class-data archive
     * for it if there is one, and the JVM files of this JVM's {@code java} (the {@code java -jar} rows) and of the
     * {@code java} on PATH (the launcher's, unless TASNI_JAVA or JAVA_HOME names another).
     */
    static List<Path> toolkitStartFiles(Path jar) throws IOException {
        List<Path> out = new ArrayList<>(List.of(jar));
        launcherArchive(jar.toAbsolutePath()).ifPresent(out::add);
        out.addAll(Stilts.javaFiles(Path.of(ChildRun.javaExe()).toRealPath()));
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path java = Path.of(d.isEmpty() ? "." : d, "java");
            if (Files.isExecutable(java)) {
                out.addAll(Stilts.javaFiles(java.toRealPath()));
                break;
            }
        }
        return out;
    }

    /**
     * {@code run --data DATA --out DIR} in an empty directory (cold), then reruns (warm: every phase whose inputs are
     * unchanged is reused). Agreement: the reruns reuse the phases and leave {@code ranked.csv} byte for byte the same.
     */
    List<BenchRow> pipeline(Path dir) throws IOException, InterruptedException {
        if (jar.isEmpty() || !Files.isDirectory(data.resolve("tiles"))) {
            return List.of(BenchRow.notInstalled(PIPELINE, "tasni run", jar.isEmpty() ? "not run from the toolkit jar"
                    : "no " + data.resolve("tiles")));
        }
        Path out = dir.resolve("tasni-out");
        deleteTree(out);
        Files.createDirectories(dir);
        // started as README's first command starts it: through the launcher where it is there
        Optional<Path> launcher = launcher();
        List<String> start = launcher.map(l -> List.of(l.toString()))
                .orElse(List.of(ChildRun.javaExe(), "-jar", jar.get().toString()));
        List<String> cmd = new ArrayList<>(start);
        cmd.addAll(List.of("run", "--data", data.toString(), "--out", out.toString()));
        ChildRun.settle(); // as the other whole-process rows: not in the seconds after this JVM or a probe freed memory
        ChildRun.Result cold = ChildRun.run(cmd, dir, 60);
        byte[] ranked = Files.readAllBytes(out.resolve("ranked.csv"));
        double best = Double.POSITIVE_INFINITY, warmPeak = 0;
        boolean sameBytes = true;
        Map<String, String> statuses = new TreeMap<>();
        for (int k = 0; k < repeat; k++) {
            ChildRun.Result warm = ChildRun.run(cmd, dir, 60);
            best = Math.min(best, warm.seconds());
            warmPeak = Math.max(warmPeak, warm.peakRssMb());
            sameBytes &= Arrays.equals(ranked, Files.readAllBytes(out.resolve("ranked.csv")));
            for (JsonNode ph : new ObjectMapper().readTree(out.resolve("pipeline_timing.json").toFile()).get("phases")) {
                statuses.put(ph.get("phase").asText(), ph.get("status").asText());
            }
        }
        List<String> recomputed = statuses.entrySet().stream().filter(e -> !e.getValue().equals("reused"))
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        // the report is written again on every run (it states the run's time); every computing phase must be reused
        boolean reused = recomputed.stream().allMatch(s -> s.equals("report done"));
        String agreement = reused && sameBytes ? "ok: rerun reused every phase, ranked.csv identical"
                : "mismatch: " + (sameBytes ? "" : "ranked.csv differs after a rerun; ") + "recomputed on rerun: " + recomputed;
        return List.of(new BenchRow(PIPELINE, launcher.isPresent() ? "tasni run (toolkit/bin/tasni)" : "tasni run (java -jar)",
                BenchRow.seconds(cold.seconds()),
                BenchRow.seconds(best), 1.0, agreement, BenchRow.mebibytes(cold.peakRssMb()),
                "cold: a fresh process into an empty --out, after a " + ChildRun.SETTLE_MILLIS / 1000 + " s pause; warm: best of " + repeat + " reruns (not reused: "
                        + (recomputed.isEmpty() ? "none" : String.join(", ", recomputed)) + "); peak RSS of the cold "
                        + "process (reruns: " + BenchRow.mebibytes(warmPeak) + " MiB); no peer"));
    }

    /** {@code toolkit/bin/tasni}, beside the jar's {@code target/}, if it is there (a jar run from elsewhere has none). */
    private Optional<Path> launcher() {
        return jar.flatMap(ProcessBenchmarks::launcherBeside);
    }

    /** {@code toolkit/bin/tasni} beside {@code jar}'s {@code target/}, if it is there. */
    static Optional<Path> launcherBeside(Path jar) {
        return Optional.of(jar.toAbsolutePath().getParent().resolveSibling("bin").resolve("tasni")).filter(Files::isExecutable);
    }

    /** Whether the launcher's class-data archive for this jar is already beside it ({@link #launcherArchive}). */
    private boolean hasArchive() throws IOException {
        return launcherArchive(jar.orElseThrow().toAbsolutePath()).isPresent();
    }

    /**
     * The launcher's newest class-data archive beside {@code jar}, if one is not older than the jar: the launcher names
     * them {@code <jar>_<jvm path>.jsa} and remakes one older than the jar.
     */
    static Optional<Path> launcherArchive(Path jar) throws IOException {
        String prefix = jar.getFileName().toString().replaceFirst("\\.jar$", "") + "_";
        long built = Files.getLastModifiedTime(jar).toMillis();
        try (var files = Files.list(jar.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".jsa")
                    && f.toFile().lastModified() >= built).max(Comparator.comparing(f -> f.toFile().lastModified()));
        }
    }

    /**
     * Commands timed in turn, one run of each per round, {@code 1 + repeat} rounds, the order rotated each round, round
     * 0 included: round r starts with command (start + r) mod n, so that no tool always runs after the same one; with
     * {@code settleFirst}, each command's first run (round 0) follows a pause ({@link ChildRun#settle}), so that no
     * tool's cold process starts while the memory of the one before it is being handed back. Per command its first run
     * (its cold) and the best and median of the rest ({@link Timed#of}).
     */
    List<Timed> timesInTurn(List<List<String>> cmds, Path dir, int start, boolean settleFirst)
            throws IOException, InterruptedException {
        int n = cmds.size();
        ChildRun.Result[][] runs = new ChildRun.Result[n][1 + repeat];
        for (int round = 0; round <= repeat; round++) {
            for (int j = 0; j < n; j++) {
                int c = Math.floorMod(start + round + j, n);
                if (round == 0 && settleFirst) {
                    ChildRun.settle();
                }
                runs[c][round] = ChildRun.run(cmds.get(c), dir, 30);
            }
        }
        List<Timed> out = new ArrayList<>();
        for (ChildRun.Result[] r : runs) {
            out.add(Timed.of(r));
        }
        return out;
    }

    /** The first run of a command and the best of the next {@code repeat}. */
    private Timed times(List<String> cmd, Path dir) throws IOException, InterruptedException {
        return timesInTurn(List.of(cmd), dir, 0, false).get(0);
    }

    /** A command's first (cold) time, its best and median warm times, the largest peak RSS of all its runs, its last run. */
    record Timed(double cold, double warm, double median, double peakMb, ChildRun.Result last) {

        /** From a command's runs, the first one first (at least one). */
        static Timed of(ChildRun.Result[] runs) {
            int repeat = runs.length - 1;
            double best = Double.POSITIVE_INFINITY, peak = runs[0].peakRssMb();
            double[] warm = new double[repeat];
            for (int k = 0; k < repeat; k++) {
                warm[k] = runs[k + 1].seconds();
                best = Math.min(best, warm[k]);
                peak = Math.max(peak, runs[k + 1].peakRssMb());
            }
            Arrays.sort(warm);
            // the median of the warm processes, beside their best: on a shared machine one lucky run can flatter a tool
            double median = repeat == 0 ? runs[0].seconds()
                    : repeat % 2 == 1 ? warm[repeat / 2] : (warm[repeat / 2 - 1] + warm[repeat / 2]) / 2;
            return new Timed(runs[0].seconds(), repeat == 0 ? runs[0].seconds() : best, median, peak, runs[repeat]);
        }

        BenchRow row(String what, String tool, String agreement, String notes) {
            return new BenchRow(what, tool, BenchRow.seconds(cold), BenchRow.seconds(warm), null, agreement,
                    BenchRow.mebibytes(peakMb), notes + "; cold: the first fresh process, warm: best of the next fresh "
                            + "processes (file cache warm), their median " + String.format("%.3f", median)
                            + " s; peak RSS of the process, largest over the runs");
        }
    }

    /** Null when {@code b} holds the rows and columns of {@code a} (numbers to 1e-6 relative), else the first difference. */
    static String difference(Table a, Table b) {
        if (a.rowCount() != b.rowCount() || !a.columnNames().equals(b.columnNames())) {
            return b.rowCount() + " rows " + b.columnNames() + ", expected " + a.rowCount() + " " + a.columnNames();
        }
        for (Column<?> ca : a.columns()) {
            Column<?> cb = b.column(ca.name());
            for (int i = 0; i < a.rowCount(); i++) {
                boolean same;
                if (ca instanceof NumberColumn<?, ?> na && cb instanceof NumberColumn<?, ?> nb) {
                    double x = na.getDouble(i), y = nb.getDouble(i);
                    // CSV prints a float column with a float's 7 significant digits
                    same = x == y || Math.abs(x - y) <= 1e-6 * Math.abs(x) || (Double.isNaN(x) && Double.isNaN(y));
                } else {
                    same = ca.getString(i).equals(cb.getString(i));
                }
                if (!same) {
                    return "row " + i + ", column " + ca.name() + ": " + cb.getString(i) + ", expected " + ca.getString(i);
                }
            }
        }
        return null;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
