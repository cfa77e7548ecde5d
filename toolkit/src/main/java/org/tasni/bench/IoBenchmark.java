package org.tasni.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.io.RecordTables;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code benchmark io}: the toolkit's Parquet read against DuckDB's on the same file in the same run. Three reads
 * (the numeric columns, the string column, the whole file), each as a fresh JVM for each tool that times its first
 * call (cold) and the best of its next {@code repeat} (warm) and aggregates what it read the same way, row by row (row
 * count, sum and count of every numeric column, count of the non-empty designations); outside the timed calls each
 * also gives the distinct designations (a count and an order-independent checksum), so that the two agree or the row
 * says where not. Each probe starts after a pause ({@link ChildRun#settle}), the tools' order alternating from one
 * read to the next. Peak memory is each process's peak resident set ({@link ChildRun}). DuckDB runs through its JDBC
 * driver in its own JVM (it is not bundled with the toolkit): a small program ({@code DuckDbPeer.java}) compiled once
 * before the probes and run with the driver's jar. A fourth row gives the time the {@code variability} command's
 * stream of the same file adds beyond its statistics ({@link #streamed}).
 *
 * <p>The file is a NEOWISE-like epochs file ({@link EpochsFile}) of {@code rows} rows, or one given. The standalone
 * command adds the cold CLI start against STILTS ({@link ProcessBenchmarks#coldStart}).
 */
public final class IoBenchmark {

    /** The peers it knows. */
    public static final List<String> PEERS = List.of("duckdb", "stilts");

    /**
     * What the benchmark runs.
     *
     * @param rows      rows of the generated file (issue 14's case: 30,000,000)
     * @param file      a Parquet file to read instead of generating one
     * @param repeat    warm reads after the first, in each process (at least 1)
     * @param peers     any of {@link #PEERS}
     * @param duckdbJar DuckDB's JDBC jar; empty: the newest in the local Maven repository
     * @param jar       the toolkit jar, for the cold CLI start rows; empty: they say why they did not run
     * @param data      the data-samples directory (the cold start converts its targets.parquet)
     */
    public record Options(long rows, Optional<Path> file, int repeat, List<String> peers, Optional<Path> duckdbJar,
            Optional<Path> jar, Path data) {

        public Options {
            if (rows < 1 && file.isEmpty()) {
                throw new TasniException("benchmark io: --rows must be at least 1 (got " + rows + ").");
            }
            repeat = Math.max(1, repeat);
            peers = List.copyOf(peers);
            for (String p : peers) {
                if (!PEERS.contains(p)) {
                    throw new TasniException("--peers: unknown peer '" + p + "' (known: " + String.join(",", PEERS) + ").");
                }
            }
        }

        /** Issue 14's 30M rows, 3 warm reads, DuckDB and STILTS, the local Maven repository's DuckDB, no jar. */
        public static Options defaults() {
            return new Options(30_000_000L, Optional.empty(), 3, PEERS, Optional.empty(), Optional.empty(),
                    Path.of("data-samples"));
        }
    }

    /** The three reads: which columns each takes. */
    enum Read {
        NUMERIC("numeric columns"), STRING("string column"), WHOLE("whole file");

        final String label;

        Read(String label) {
            this.label = label;
        }
    }

    private final Options options;

    /** The benchmark with {@code options}. */
    public IoBenchmark(Options options) {
        this.options = options;
    }

    /** Runs it in {@code dir}: the read rows, then the cold-start rows. */
    public Table run(Path dir) throws IOException, InterruptedException {
        List<BenchRow> rows = new ArrayList<>(readRows(dir));
        rows.addAll(new ProcessBenchmarks(options.jar(), options.data(), options.repeat(), options.peers().contains("stilts"))
                .coldStart(dir.resolve("cold-start")));
        return RecordTables.toTable("io benchmark", BenchRow.class, rows);
    }

    /** The Parquet read rows: per read, the toolkit's and DuckDB's (or why DuckDB did not run). */
    public List<BenchRow> readRows(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = options.file().isPresent() ? options.file().get().toAbsolutePath() : generated(dir);
        Table schema = ParquetIO.schema(file);
        List<String> strings = new ArrayList<>(), numeric = new ArrayList<>();
        for (Column<?> c : schema.columns()) {
            (c instanceof StringColumn ? strings : numeric).add(c.name());
        }
        Optional<Path> duck = options.peers().contains("duckdb") ? duckdbJar() : Optional.empty();
        List<String> peerCmd = null;
        String setupFailed = null;
        if (duck.isPresent()) {
            try {
                peerCmd = peerCommand(dir, duck.get());
            } catch (TasniException e) {
                setupFailed = reason(e);
            }
        }
        String size = String.format("%,d rows, %.0f MB", ParquetIO.rowCount(file), Files.size(file) / 1e6);
        List<String> probe = probeCommand(dir);
        pageIn(file);
        String started = !probe.get(0).endsWith("tasni") ? "java -cp, "
                : probe.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")) ? "toolkit/bin/tasni --java, its class-data archive, "
                : "toolkit/bin/tasni --java, no class-data archive, ";
        List<BenchRow> rows = new ArrayList<>();
        JsonNode wholeReference = null;
        int turn = 0;
        for (Read read : Read.values()) {
            List<String> num = read == Read.STRING ? List.of() : numeric;
            List<String> str = read == Read.NUMERIC ? List.of() : strings;
            if (num.isEmpty() && str.isEmpty()) {
                continue;
            }
            String what = "Parquet read: " + read.label + " (" + size + ")";
            List<String> args = List.of(file.toString(), String.valueOf(options.repeat()), join(num), join(str));
            List<String> tk = new ArrayList<>(probe);
            tk.addAll(args);
            Probe ours = null, theirs = null;
            String skipped = null, failed = setupFailed;
            if (!options.peers().contains("duckdb")) {
                skipped = null;
            } else if (duck.isEmpty()) {
                skipped = "no DuckDB JDBC jar: give --duckdb-jar, or have org.duckdb:duckdb_jdbc in ~/.m2";
            }
            // each probe after a pause (a JVM that just freed a gigabyte slows the next start), the order alternating
            boolean toolkitFirst = turn++ % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean toolkitNow = (k == 0) == toolkitFirst;
                if (toolkitNow) {
                    ChildRun.settle();
                    ours = Probe.run(tk, dir);
                } else if (peerCmd != null) {
                    List<String> dk = new ArrayList<>(peerCmd);
                    dk.addAll(args);
                    ChildRun.settle();
                    try {
                        theirs = Probe.run(dk, dir);
                    } catch (TasniException e) {
                        failed = reason(e);
                    }
                }
            }
            String order = peerCmd == null ? "" : toolkitFirst ? "; ran before DuckDB's probe" : "; ran after DuckDB's probe";
            String agreement = theirs != null ? agreement(ours.json, theirs.json)
                    : failed != null ? BenchRow.PEER_FAILED + ": DuckDB: " + failed : BenchRow.NO_PEER;
            if (read == Read.WHOLE) {
                wholeReference = theirs != null ? theirs.json : ours.json;
            }
            rows.add(ours.row(what, "tasni ParquetIO.forEachRowGroup (" + started + ours.json.path("threads").asInt() + " threads)",
                    agreement, ours.seconds(), order).withRatioTo(ours.seconds()));
            if (theirs != null) {
                rows.add(theirs.row(what, "DuckDB " + theirs.json.path("version").asText() + " (JDBC, "
                        + theirs.json.path("threads").asText("?") + " threads)", agreement, theirs.seconds(),
                        toolkitFirst ? "; ran after the toolkit's probe" : "; ran before the toolkit's probe")
                        .withRatioTo(ours.seconds()));
            } else if (failed != null) {
                rows.add(BenchRow.peerFailed(what, "DuckDB (JDBC)", failed));
            } else if (skipped != null) {
                rows.add(BenchRow.notInstalled(what, "DuckDB (JDBC)", skipped));
            }
        }
        if (wholeReference != null && !strings.isEmpty()) {
            rows.add(streamed(file, size, dir, wholeReference));
        }
        return rows;
    }

    /**
     * The time the {@code variability} command's stream of the file adds beyond its statistics, as a user runs the
     * command on it (a fresh process through the launcher, streaming the row groups): its {@code read_s} from the stats
     * JSON, the command's time to the result less its statistics' time. Decoding that overlaps the statistics is not in
     * it, so it is not a read's whole time and is compared with no other tool's read. Cold: the first process; warm: the
     * best of the next {@code repeat}. Agreement: the rows and sources it counts against the whole-file read's rows and
     * distinct ids.
     */
    private BenchRow streamed(Path file, String size, Path dir, JsonNode whole) throws IOException, InterruptedException {
        String what = "Parquet stream of the variability command (" + size + "): time the stream adds beyond the statistics "
                + "(decode overlapped with compute is not in it)";
        String tool = "tasni variability (toolkit/bin/tasni), its read_s";
        Optional<Path> launcher = options.jar().flatMap(ProcessBenchmarks::launcherBeside);
        if (launcher.isEmpty()) {
            return new BenchRow(what, tool, null, null, null, "n/a: not run: no toolkit/bin/tasni beside the jar", null, "");
        }
        Path json = dir.toAbsolutePath().resolve("variability_stats.json");
        List<String> cmd = List.of(launcher.get().toString(), "variability", "--epochs", file.toString(), "--out",
                dir.toAbsolutePath().resolve("variability_streamed.parquet").toString(), "--stats-json", json.toString());
        JsonNode first = null;
        double cold = 0, warm = Double.POSITIVE_INFINITY, peak = 0;
        for (int k = 0; k <= options.repeat(); k++) {
            ChildRun.Result r;
            try {
                r = ChildRun.run(cmd, dir, 60);
            } catch (TasniException e) {
                return new BenchRow(what, tool, null, null, null, "failed: " + e.getMessage().lines().findFirst().orElse(""),
                        null, "");
            }
            JsonNode stats = new ObjectMapper().readTree(json.toFile());
            if (!stats.path("read_s").isNumber()) {
                return new BenchRow(what, tool, null, null, null, "failed: no number read_s in its --stats-json", null, "");
            }
            double read = stats.get("read_s").asDouble();
            if (k == 0) {
                first = stats;
                cold = read;
                peak = r.peakRssMb();
            } else {
                warm = Math.min(warm, read);
            }
        }
        long rows = whole.get("rows").asLong();
        // the command's sources are its designations (its default id column); a file without one is counted by rows
        JsonNode distinct = whole.get("distinct").path("designation").get("count");
        boolean same = first.get("n_rows").asLong() == rows
                && (distinct == null || first.get("n_sources").asLong() == distinct.asLong());
        String agreement = same ? "ok: " + rows + " rows, " + first.get("n_sources").asLong() + " sources"
                + (distinct == null ? "" : ", as the whole-file read counts rows and distinct designations")
                : "mismatch: " + first.get("n_rows") + " rows and " + first.get("n_sources") + " sources, the whole-file read "
                        + rows + " rows and " + distinct + " distinct designations";
        // no ratio: a residual beside the statistics is not a read, and no other tool's figure measures the same
        return new BenchRow(what, tool, BenchRow.seconds(cold), BenchRow.seconds(warm), null, agreement,
                BenchRow.mebibytes(peak), String.format("read_s: the command's time to its result less its statistics' "
                        + "(compute_s %.2f s in the first process): the part of the stream of row groups and of the cut at "
                        + "each group's edge that the statistics do not hide; cold: the first process, warm: the best of the "
                        + "next %d; no peer (not comparable with a whole read); peak RSS of the first process",
                        first.get("compute_s").asDouble(), options.repeat()));
    }

    /**
     * How the toolkit's probe JVM starts: as a user's {@code toolkit/bin/tasni} starts the toolkit where the launcher
     * is beside the jar (its JVM options and its class-data archive, which a plain {@code java -cp} has neither of),
     * else {@code java -cp} with this JVM's class path (tests, a jar run from elsewhere).
     */
    private List<String> probeCommand(Path dir) throws IOException, InterruptedException {
        Optional<Path> launcher = options.jar().flatMap(ProcessBenchmarks::launcherBeside);
        if (launcher.isEmpty()) {
            return List.of(ChildRun.javaExe(), "-cp", classPath(), IoProbe.class.getName());
        }
        // the class path spelt as the launcher spells it (the real path): the archive is valid for that one only
        Path jar = options.jar().get().toRealPath();
        // a start through the launcher makes its archive if it is missing or stale, as a user's first command would;
        // `--java` itself does not use the archive, so it is named here (a JVM that does not match ignores it). A
        // command that reads nothing it could change: `status` of the benchmark's directory (--help and --version
        // start without the archive, and so do not make it)
        ChildRun.run(List.of(launcher.get().toString(), "status", dir.toAbsolutePath().toString()), dir, 5);
        List<String> cmd = new ArrayList<>(List.of(launcher.get().toString(), "--java"));
        ProcessBenchmarks.launcherArchive(jar).ifPresent(a -> cmd.addAll(List.of("-XX:SharedArchiveFile=" + a, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
        cmd.addAll(List.of("-cp", jar.toString(), IoProbe.class.getName()));
        return cmd;
    }

    private Path generated(Path dir) throws IOException {
        System.out.printf("generating a NEOWISE-like epochs file of %,d rows (reused by later runs)…%n", options.rows());
        return EpochsFile.ensure(dir.toAbsolutePath(), options.rows());
    }

    /**
     * Reads the file once, so that every probe finds it in the page cache: "cold" here is a fresh JVM or process, not
     * a cold disk, and without this the first probe (the toolkit's) alone paid for reading the disk after a benchmark
     * that had pushed the file out of the cache (a first numeric read of 2.67 s against 1.71 s in the next run).
     */
    private static void pageIn(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(b) >= 0) {
                b.clear();
            }
        }
    }

    private static String join(List<String> columns) {
        return columns.isEmpty() ? "-" : String.join(",", columns);
    }

    /** This JVM's class path with absolute entries, for a child started in another directory. */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    /** The DuckDB jar given, or the newest version in the local Maven repository. */
    private Optional<Path> duckdbJar() throws IOException {
        if (options.duckdbJar().isPresent()) {
            Path p = options.duckdbJar().get();
            if (!Files.isRegularFile(p)) {
                throw new TasniException("--duckdb-jar " + p + ": no such file.");
            }
            return Optional.of(p.toAbsolutePath());
        }
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "duckdb", "duckdb_jdbc");
        if (!Files.isDirectory(repo)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(repo)) {
            return versions.map(v -> v.resolve("duckdb_jdbc-" + v.getFileName() + ".jar")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(IoBenchmark::versionKey));
        }
    }

    /** "1.5.6.0" as "00001.00005.00006.00000", so that versions sort as numbers. */
    private static String versionKey(Path jar) {
        String v = jar.getParent().getFileName().toString();
        return Stream.of(v.split("\\.")).map(s -> String.format("%5s", s).replace(' ', '0')).collect(Collectors.joining("."));
    }

    /** A failed child's exit status and the last line it printed (its error, where a JVM prints its exception). */
    static String reason(TasniException e) {
        List<String> lines = e.getMessage().lines().filter(l -> !l.isBlank()).toList();
        var exit = java.util.regex.Pattern.compile("\\((exit \\d+)\\)").matcher(lines.isEmpty() ? "" : lines.get(0));
        String last = lines.size() > 1 ? lines.get(lines.size() - 1).strip() : lines.isEmpty() ? "" : lines.get(0);
        return (exit.find() ? exit.group(1) + ": " : "") + last;
    }

    /**
     * How the DuckDB peer starts: {@code DuckDbPeer.java} taken out of the jar into {@code dir} and compiled once into
     * {@code dir/duckdb-peer-classes} (by this JVM's compiler, else {@code javac} beside it), so that its process's time
     * and peak memory are DuckDB's run, not the compiling of its source; {@code java -cp DRIVER:CLASSES DuckDbPeer}.
     */
    private static List<String> peerCommand(Path dir, Path duck) throws IOException, InterruptedException {
        Path src;
        try (var in = IoBenchmark.class.getResourceAsStream("DuckDbPeer.java")) {
            if (in == null) {
                throw new IOException("the jar has no DuckDbPeer.java");
            }
            src = dir.toAbsolutePath().resolve("DuckDbPeer.java");
            Files.write(src, in.readAllBytes());
        }
        Path classes = dir.toAbsolutePath().resolve("duckdb-peer-classes");
        Files.createDirectories(classes);
        List<String> args = List.of("-d", classes.toString(), src.toString());
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        if (javac != null) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            if (javac.run(null, err, err, args.toArray(String[]::new)) != 0) {
                throw new TasniException("cannot compile DuckDbPeer.java:\n" + err);
            }
        } else {
            Path javacExe = Path.of(System.getProperty("java.home"), "bin", "javac");
            if (!Files.isExecutable(javacExe)) {
                throw new TasniException("benchmark io: no Java compiler in this JVM (" + System.getProperty("java.home")
                        + ") to compile DuckDbPeer.java: run it on a JDK");
            }
            List<String> cmd = new ArrayList<>(List.of(javacExe.toString()));
            cmd.addAll(args);
            ChildRun.run(cmd, dir, 5);
        }
        return List.of(ChildRun.javaExe(), "-cp", duck + File.pathSeparator + classes, "DuckDbPeer");
    }

    /**
     * "ok: …" when both read the same rows, the same count of values and sum (to 1e-9 relative: the order of the
     * additions differs) in every numeric column, the same count of non-empty values in every string column and the
     * same distinct values there (count and checksum, computed outside the timed reads); else "mismatch: " and the
     * first difference.
     */
    static String agreement(JsonNode ours, JsonNode theirs) {
        if (ours.get("rows").asLong() != theirs.get("rows").asLong()) {
            return "mismatch: " + theirs.get("rows") + " rows, the toolkit " + ours.get("rows");
        }
        for (Iterator<String> it = ours.get("sums").fieldNames(); it.hasNext();) {
            String c = it.next();
            double a = ours.get("sums").get(c).asDouble(), b = theirs.path("sums").path(c).asDouble(Double.NaN);
            long na = ours.get("counts").get(c).asLong(), nb = theirs.path("counts").path(c).asLong(-1);
            if (na != nb || !(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)))) {
                return "mismatch: column " + c + ": sum " + b + " of " + nb + " values, the toolkit " + a + " of " + na;
            }
        }
        for (Iterator<String> it = ours.path("nonempty").fieldNames(); it.hasNext();) {
            String c = it.next();
            if (ours.get("nonempty").get(c).asLong() != theirs.path("nonempty").path(c).asLong(-1)) {
                return "mismatch: column " + c + ": " + theirs.path("nonempty").path(c) + " non-empty values, the toolkit "
                        + ours.get("nonempty").get(c);
            }
        }
        for (Iterator<String> it = ours.path("distinct").fieldNames(); it.hasNext();) {
            String c = it.next();
            JsonNode a = ours.get("distinct").get(c), b = theirs.path("distinct").path(c);
            if (a.get("count").asLong() != b.path("count").asLong(-1)
                    || !a.get("checksum").asText().equals(b.path("checksum").asText())) {
                return "mismatch: column " + c + ": " + b.path("count") + " distinct values (checksum " + b.path("checksum")
                        + "), the toolkit " + a.get("count") + " (" + a.get("checksum").asText() + ")";
            }
        }
        StringBuilder strings = new StringBuilder();
        for (Iterator<String> it = ours.path("distinct").fieldNames(); it.hasNext();) {
            String c = it.next();
            strings.append(", same ").append(ours.get("nonempty").path(c).asLong()).append(" non-empty and same distinct ")
                    .append(c).append(" (").append(ours.get("distinct").get(c).get("count").asLong()).append(")");
        }
        String numbers = ours.get("sums").size() == 0 ? "" : ", sums and counts of " + ours.get("sums").size() + " numeric columns";
        return "ok: same " + ours.get("rows").asLong() + " rows" + numbers + strings;
    }

    /** One child process of a read: its own cold and warm times and aggregates, and the process's time and peak. */
    private record Probe(JsonNode json, ChildRun.Result process) {

        static Probe run(List<String> cmd, Path dir) throws IOException, InterruptedException {
            ChildRun.Result r = ChildRun.run(cmd, dir, 60);
            String line = r.output().lines().filter(l -> l.startsWith(IoProbe.PREFIX)).reduce((a, b) -> b)
                    .orElseThrow(() -> new TasniException(cmd.get(cmd.size() - 5) + " printed no result:\n" + r.output()));
            return new Probe(new ObjectMapper().readTree(line.substring(IoProbe.PREFIX.length())), r);
        }

        double seconds() {
            return json.get("warm_s").asDouble();
        }

        BenchRow row(String what, String tool, String agreement, double warm, String order) {
            String heap = json.has("heap_peak_mb") ? String.format("; JVM heap peak %.0f MiB", json.get("heap_peak_mb").asDouble()) : "";
            return new BenchRow(what, tool, BenchRow.seconds(json.get("cold_s").asDouble()), BenchRow.seconds(warm), null,
                    agreement, BenchRow.mebibytes(process.peakRssMb()), String.format("cold: the first read of a fresh JVM; "
                            + "warm: best of the next reads in it; the whole process %.2f s, started after a %d s pause%s; %s%s",
                            process.seconds(), ChildRun.SETTLE_MILLIS / 1000, order, process.peakSource(), heap));
        }
    }
}
