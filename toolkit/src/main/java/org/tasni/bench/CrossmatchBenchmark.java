package org.tasni.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchReport;
import org.tasni.io.OutputPaths;
import org.tasni.io.RecordTables;
import org.tasni.io.TableIO;
import org.tasni.pipeline.HeapPeak;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import org.tasni.sky.Healpix;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * The crossmatch benchmark: the toolkit against astropy, scipy, scikit-learn and STILTS on the same simulated
 * catalogues, in the same run, with a check that every tool finds the same orphans.
 *
 * <p>The case is the realistic one of the crossmatch issue: a cap of 38.5 deg² × scale at real density (about
 * 692,000 WISE and 1,693,000 Gaia sources at scale 1), simulated by {@link SkySimulator}. Python peers run under
 * {@code /usr/bin/python3} (Debian's {@code python3-astropy python3-scipy python3-sklearn}) and STILTS is Debian's
 * {@code stilts}; a peer that is not installed is listed as skipped.
 *
 * <p>Timings: "match" is conversion to unit vectors + index or tree build + query, measured inside each process, the
 * toolkit's and each Python peer's alike: the first call (cold) and the best of the next {@code repeat} (warm), each
 * its own row; "process" is a whole command (JVM start, reading files, matching, writing), for STILTS and the
 * toolkit's own CLI, each started after a pause ({@link ChildRun#settle}), so that neither runs while memory the other
 * or this JVM freed is handed back, and with both tools' jars read into the page cache before. STILTS reads
 * column-oriented FITS ({@link Stilts#COLFITS}, its native format, written by STIL before it starts) where the toolkit
 * reads Parquet, and each writes the orphans with the left columns in its own binary format (STILTS FITS, the
 * toolkit Parquet). Each row's label says how many threads the tool ran on.
 *
 * <p>Ratios ({@code x_tasni_time}) are like for like: a warm match over the toolkit's warm match, a first call over the
 * toolkit's first call, a whole process over the toolkit CLI's whole process (empty when the CLI did not run).
 */
public final class CrossmatchBenchmark {

    /** Area of the realistic case at scale 1, deg². */
    public static final double AREA_DEG2 = 38.5;

    /**
     * What the benchmark runs, built from {@link #defaults()} with withers:
     * {@code CrossmatchBenchmark.Options.defaults().withScale(0.1).withPeers()}.
     *
     * @param scale        area (and source count) relative to the 38.5 deg² case, in (0, 100]
     * @param radiusArcsec the match radius, arcsec
     * @param threads      CPU threads of the toolkit
     * @param repeat       warm runs after the first (at least 1)
     * @param peers        peers to run: astropy, scipy, sklearn, stilts (none: an empty list)
     * @param centreDec    declination of the cap's centre, degrees: 21 for the realistic case, 90 for the polar one
     *                     (which also spans the RA wrap)
     * @param cliJar       the toolkit jar whose CLI is timed too, or empty for no CLI row
     */
    public record Options(double scale, double radiusArcsec, int threads, int repeat, List<String> peers,
            double centreDec, Optional<Path> cliJar) {

        public Options {
            if (!(scale > 0 && scale <= 100)) {
                throw new TasniException("--scale must be in (0, 100] (got " + scale + ").");
            }
            repeat = Math.max(1, repeat);
            peers = List.copyOf(peers);
        }

        /** Scale 1 at Dec 21, R = 3″, all cores, 5 warm runs, every peer, no CLI row. */
        public static Options defaults() {
            return new Options(1, 3, Runtime.getRuntime().availableProcessors(), 5,
                    List.of("astropy", "scipy", "sklearn", "stilts"), 21, Optional.empty());
        }

        public Options withScale(double s) {
            return new Options(s, radiusArcsec, threads, repeat, peers, centreDec, cliJar);
        }

        public Options withRadiusArcsec(double r) {
            return new Options(scale, r, threads, repeat, peers, centreDec, cliJar);
        }

        public Options withThreads(int n) {
            return new Options(scale, radiusArcsec, n, repeat, peers, centreDec, cliJar);
        }

        public Options withRepeat(int n) {
            return new Options(scale, radiusArcsec, threads, n, peers, centreDec, cliJar);
        }

        public Options withPeers(String... names) {
            return new Options(scale, radiusArcsec, threads, repeat, List.of(names), centreDec, cliJar);
        }

        public Options withCentreDec(double dec) {
            return new Options(scale, radiusArcsec, threads, repeat, peers, dec, cliJar);
        }

        public Options withCliJar(Path jar) {
            return new Options(scale, radiusArcsec, threads, repeat, peers, centreDec, Optional.ofNullable(jar));
        }
    }

    /**
     * One row of the result: a tool's time, its ratio to the toolkit's time of the same kind (see the class comment;
     * NaN without one), its orphans (missing if skipped), agreement ("ok …", "mismatch …", "reference", "failed: …",
     * "peer not installed (…)" or "peer failed: …"), peak memory in MiB (the JVM heap pools' peak for in-JVM rows, the
     * process's peak RSS for the others; missing if unknown) and what kind of figure it is.
     */
    public record Row(String tool, String what, double seconds, double xTasniTime, Integer nOrphans, String agreement,
            Double peakMemMb, Role role) {}

    private final Options options;


    /** The benchmark with {@code options}. */
    public CrossmatchBenchmark(Options options) {
        this.options = options;
    }

    /** Simulated WISE and Gaia sources in a cap of 38.5 deg² × scale centred at RA 84° and the given Dec. */
    public static Table[] realisticCase(double scale, double dec0, long seed) {
        double areaSr = AREA_DEG2 * scale / Math.pow(Math.toDegrees(1), 2);
        double radiusDeg = Math.toDegrees(Math.acos(1 - areaSr / (2 * Math.PI)));
        double ra0 = 84;
        long[] tiles = Healpix.nside(32).queryDisc(ra0, dec0, radiusDeg);
        var sky = SkySimulator.of(SkyConfig.defaults().withSeed(seed)).simulate(tiles);
        return new Table[] {inCap(sky.allWise(), ra0, dec0, radiusDeg).setName("wise"),
            inCap(sky.allGaia(), ra0, dec0, radiusDeg).setName("gaia")};
    }

    private static Table inCap(Table t, double ra0, double dec0, double radiusDeg) {
        double[] ra = t.doubleColumn("ra").asDoubleArray(), dec = t.doubleColumn("dec").asDoubleArray();
        BitmapBackedSelection sel = new BitmapBackedSelection();
        for (int i = 0; i < ra.length; i++) {
            if (SkyMath.separationDeg(ra0, dec0, ra[i], dec[i]) <= radiusDeg) {
                sel.add(i);
            }
        }
        return t.where(sel);
    }

    /** Runs everything in {@code dir} and returns one row per tool. */
    public Table run(Path dir) throws IOException, InterruptedException {
        return RecordTables.toTable("crossmatch benchmark", Row.class, rows(dir));
    }

    /** Runs everything in {@code dir} and returns one row per tool, as records (for {@link AllBenchmark}). */
    public List<Row> rows(Path dir) throws IOException, InterruptedException {
        Path toolkitJar = options.cliJar().orElse(null);
        dir = workDir(dir);
        Files.createDirectories(dir);
        long g0 = System.nanoTime();
        Table[] c = realisticCase(options.scale(), options.centreDec(), 42);
        Table wise = c[0].selectColumns("cntr", "designation", "ra", "dec").setName("wise");
        Table gaia = c[1].selectColumns("source_id", "ra", "dec").setName("gaia");
        System.out.printf("case: %,d WISE × %,d Gaia in a %.1f deg² cap at Dec %s, R = %s″ (simulated in %.1f s)%n",
                wise.rowCount(), gaia.rowCount(), AREA_DEG2 * options.scale(), options.centreDec(), options.radiusArcsec(),
                (System.nanoTime() - g0) / 1e9);
        Rows rows = new Rows();

        // the toolkit, in process: cold first run, then the best of the warm ones
        boolean[] ours = null;
        double cold = 0, best = Double.POSITIVE_INFINITY;
        MatchReport rep = null;
        double coldHeap = 0;
        HeapPeak.reset();
        for (int k = 0; k <= options.repeat(); k++) {
            CrossMatcher xm = CrossMatcher.radius(options.radiusArcsec()).threads(options.threads());
            Table near = xm.nearest(wise, gaia);
            rep = xm.report();
            if (k == 0) {
                cold = rep.matchSeconds();
                ours = new boolean[near.rowCount()];
                for (int i = 0; i < ours.length; i++) {
                    ours[i] = !near.booleanColumn("matched").get(i);
                }
                coldHeap = HeapPeak.mebibytes();
                HeapPeak.reset();
            } else {
                best = Math.min(best, rep.matchSeconds());
            }
        }
        int nOurs = count(ours);
        double ref = options.repeat() > 0 ? best : cold;
        String tasni = "tasni CPU (" + options.threads() + " threads)";
        double warmHeap = HeapPeak.mebibytes();
        rows.add(tasni, "match, best of " + options.repeat() + " warm", ref, nOurs, "reference", warmHeap, Role.WARM);
        rows.add(tasni, "match, first (cold JIT)", cold, nOurs, "reference", coldHeap, Role.COLD);
        Set<Long> mine = new HashSet<>();
        for (int i = 0; i < ours.length; i++) {
            if (ours[i]) {
                mine.add(wise.longColumn("cntr").get(i));
            }
        }

        // the same positions for the others
        Npy.writeDoubles(dir.resolve("wise_ra.npy"), wise.doubleColumn("ra").asDoubleArray());
        Npy.writeDoubles(dir.resolve("wise_dec.npy"), wise.doubleColumn("dec").asDoubleArray());
        Npy.writeDoubles(dir.resolve("gaia_ra.npy"), gaia.doubleColumn("ra").asDoubleArray());
        Npy.writeDoubles(dir.resolve("gaia_dec.npy"), gaia.doubleColumn("dec").asDoubleArray());
        TableIO.write(wise, dir.resolve("wise.parquet"));
        TableIO.write(gaia, dir.resolve("gaia.parquet"));
        boolean stilts = options.peers().contains("stilts") && Stilts.missing().isEmpty();
        if (stilts) {
            // STILTS's input, its native format, written now so that both tools' inputs are in the page cache alike
            Stilts.writeFits(wise, dir.resolve("wise.fits"), Stilts.COLFITS);
            Stilts.writeFits(gaia, dir.resolve("gaia.fits"), Stilts.COLFITS);
        }
        // the files each process starts from, read once, so that neither pays alone for reading its jars from the disk
        List<Path> files = new ArrayList<>();
        if (toolkitJar != null && Files.isRegularFile(toolkitJar)) {
            files.addAll(ProcessBenchmarks.toolkitStartFiles(toolkitJar));
        }
        if (stilts) {
            files.addAll(Stilts.startFiles());
        }
        Stilts.pageIn(files);

        if (toolkitJar != null && Files.isRegularFile(toolkitJar)) {
            runCli(dir, toolkitJar, mine, rows);
        }

        List<String> python = new ArrayList<>();
        for (String p : options.peers()) {
            if (p.equals("astropy") || p.equals("scipy") || p.equals("sklearn")) {
                python.add(p);
            }
        }
        for (String p : python) {
            runPython(dir, p, ours, rows);
        }
        if (options.peers().contains("stilts")) {
            runStilts(dir, mine, rows);
        }
        return rows.withRatios();
    }

    /** The toolkit's own CLI as a fresh process on the Parquet files: its whole time, and its match's first call. */
    private void runCli(Path dir, Path toolkitJar, Set<Long> mine, Rows rows) throws IOException, InterruptedException {
        Path out = dir.resolve("orphans_tasni.parquet");
        Path stats = dir.resolve("cli_stats.json");
        Files.deleteIfExists(stats);
        // started as README starts it, through the launcher where it is there (as STILTS through its script)
        Optional<Path> launcher = ProcessBenchmarks.launcherBeside(toolkitJar);
        List<String> cmd = new ArrayList<>(launcher.map(l -> List.of(l.toString()))
                .orElse(List.of(ChildRun.javaExe(), "-jar", toolkitJar.toString())));
        cmd.addAll(List.of("crossmatch", "--left", dir.resolve("wise.parquet").toString(), "--right",
                dir.resolve("gaia.parquet").toString(), "--radius", String.valueOf(options.radiusArcsec()), "--threads",
                String.valueOf(options.threads()), "--out", out.toString(), "--stats-json", stats.toString()));
        String cli = (launcher.isPresent() ? "tasni CLI (toolkit/bin/tasni, " : "tasni CLI (java -jar, ") + options.threads()
                + " threads)";
        String process = "process (JVM start, read Parquet, match, write Parquet)";
        ChildRun.settle(); // after this JVM's matches and writes, as before STILTS's process
        ChildRun.Result t;
        try {
            t = ChildRun.run(cmd, dir, 60);
        } catch (TasniException e) {
            rows.failed(cli, process, "failed: " + e.getMessage().lines().findFirst().orElse(""), Role.PROCESS);
            return;
        }
        // the orphans it wrote, by id, against the in-JVM run's: the same set, not only as many
        Set<Long> theirs = new HashSet<>();
        for (long id : TableIO.read(out, "cntr").longColumn("cntr").asLongArray()) {
            theirs.add(id);
        }
        String agreement = agree(theirs.equals(mine), theirs.size(), mine.size());
        rows.add(cli, process, t.seconds(), theirs.size(), agreement, t.peakRssMb(), Role.PROCESS);
        // the CLI's own match time: the "first call as a user runs it" figure of the cold-start goal
        JsonNode matchS = Files.isRegularFile(stats) ? new ObjectMapper().readTree(stats.toFile()).get("match_s") : null;
        String inside = "match inside that process (its first call)";
        if (matchS == null || !matchS.isNumber()) {
            rows.failed(cli, inside, "failed: its --stats-json " + stats.getFileName() + " has no number match_s",
                    Role.PROCESS_STEP);
        } else {
            rows.add(cli, inside, matchS.asDouble(), theirs.size(), agreement, t.peakRssMb(), Role.PROCESS_STEP);
        }
    }

    /**
     * One Python peer in a process of its own, so that its peak memory is its own: its first call and the best of its
     * next {@code repeat}, timed inside it, each a row.
     */
    private void runPython(Path dir, String peer, boolean[] ours, Rows rows) throws IOException, InterruptedException {
        Path py = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(py)) {
            rows.notInstalled(label(peer), "no /usr/bin/python3");
            return;
        }
        Path script = PeerScripts.extract(dir, "crossmatch_peers.py");
        List<String> cmd = List.of(py.toString(), script.toString(), dir.toString(),
                String.valueOf(options.radiusArcsec()), peer, String.valueOf(options.threads()),
                String.valueOf(options.repeat()));
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(1, TimeUnit.HOURS) || proc.exitValue() != 0) {
            rows.peerFailed(label(peer), "python exited with an error: " + out.strip());
            return;
        }
        JsonNode r = new ObjectMapper().readTree(out).get(peer);
        if (r == null || r.has("error")) {
            String why = r == null ? "no result" : r.get("error").asText();
            if (r != null && r.path("missing").asBoolean()) {
                rows.notInstalled(label(peer), why);
            } else {
                rows.peerFailed(label(peer), why);
            }
            return;
        }
        boolean[] theirs = Npy.readBools(dir.resolve("orphans_" + peer + ".npy"));
        String label = label(peer);
        int n = r.get("n_orphans").asInt();
        // every call must find the orphans of the first (saved), which must be ours
        String agreement = !r.path("same_each_call").asBoolean(false)
                ? "mismatch: its calls found different orphans from one another"
                : agree(Arrays.equals(theirs, ours), n, count(ours));
        double peak = r.path("peak_rss_mb").asDouble(Double.NaN);
        int calls = r.path("calls").asInt();
        rows.add(label, "match (unit vectors + tree + query), best of " + (calls - 1) + " warm", r.get("warm_s").asDouble(), n,
                agreement, peak, Role.PEER);
        rows.add(label, "match, first call in its process (imports done)", r.get("cold_s").asDouble(), n, agreement, peak,
                Role.PEER_COLD);
    }

    /** A Python peer's row label, with the threads it runs on, the same whether it ran or not. */
    private String label(String peer) {
        return switch (peer) {
            case "astropy" -> "astropy match_coordinates_sky (1 thread)";
            // cKDTree builds its tree on one thread; its query runs on `workers` threads
            case "scipy" -> "scipy cKDTree (query on " + options.threads() + " threads)";
            default -> "scikit-learn BallTree (the reference's, 1 thread)";
        };
    }

    /**
     * STILTS tmatch2 as a fresh process on the same catalogues as column-oriented FITS, on the toolkit's thread count
     * ({@code runner=parallelN}), writing the orphans with the left columns as FITS; their ids against ours.
     */
    private void runStilts(Path dir, Set<Long> mine, Rows rows) throws IOException, InterruptedException {
        String tool = "STILTS tmatch2 (runner=parallel" + options.threads() + ")";
        String what = "process (JVM start, read FITS, match, write FITS)";
        Optional<String> missing = Stilts.missing();
        if (missing.isPresent()) {
            rows.notInstalled(tool, missing.get());
            return;
        }
        Path out = dir.resolve("orphans_stilts.fits");
        Files.deleteIfExists(out);
        ChildRun.settle();
        ChildRun.Result t;
        try {
            t = ChildRun.run(List.of(Stilts.SCRIPT.toString(), "tmatch2", "in1=" + dir.resolve("wise.fits"),
                    "ifmt1=" + Stilts.COLFITS, "in2=" + dir.resolve("gaia.fits"), "ifmt2=" + Stilts.COLFITS, "matcher=sky",
                    "values1=ra dec", "values2=ra dec", "params=" + options.radiusArcsec(), "find=best1", "join=1not2",
                    "runner=parallel" + options.threads(), "out=" + out, "ofmt=" + Stilts.FITS), dir, 60);
        } catch (TasniException e) {
            rows.failed(tool, what, BenchRow.PEER_FAILED + ": " + e.getMessage().lines().findFirst().orElse(""),
                    Role.PEER_PROCESS);
            return;
        }
        Set<Long> theirs = new HashSet<>();
        var st = Stilts.readFits(out, Stilts.FITS);
        int col = -1;
        for (int c = 0; c < st.getColumnCount(); c++) {
            if (st.getColumnInfo(c).getName().equals("cntr")) {
                col = c;
            }
        }
        if (col < 0) {
            rows.failed(tool, what, "mismatch: no cntr column in its output", Role.PEER_PROCESS);
            return;
        }
        try (var seq = st.getRowSequence()) {
            while (seq.next()) {
                theirs.add(((Number) seq.getCell(col)).longValue());
            }
        }
        rows.add(tool, what, t.seconds(), theirs.size(), agree(theirs.equals(mine), theirs.size(), mine.size()),
                t.peakRssMb(), Role.PEER_PROCESS);
    }

    private static String agree(boolean same, int theirs, int ours) {
        return same ? "ok: same " + ours + " orphans"
                : "mismatch: different orphans (" + theirs + " against the toolkit's " + ours + ")";
    }

    private static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /**
     * The working directory as an absolute path. The CLI and STILTS run with it as their current directory and are
     * given file paths inside it: a relative {@code --dir} (the default, {@code bench-crossmatch}) would be resolved
     * twice, as {@code bench-crossmatch/bench-crossmatch/wise.parquet}. A path that is or lies under a regular file is
     * refused.
     */
    public static Path workDir(Path dir) {
        OutputPaths.requireDirectory(dir);
        return dir.toAbsolutePath().normalize();
    }

    /** The result table, one row per tool; the ratios are set once every row is in ({@link #withRatios}). */
    private static final class Rows {
        final List<Row> rows = new ArrayList<>();

        void add(String t, String w, double s, int n, String a, double peakMb, Role role) {
            rows.add(new Row(t, w, Math.round(s * 1e4) / 1e4, Double.NaN, n, a, BenchRow.mebibytes(peakMb), role));
        }

        /** A row that gave no figure: the toolkit's own run or a peer that failed; {@code agreement} says why. */
        void failed(String t, String w, String agreement, Role role) {
            rows.add(new Row(t, w, Double.NaN, Double.NaN, null, agreement, null, role));
        }

        void notInstalled(String t, String why) {
            rows.add(new Row(t, "skipped: " + why, Double.NaN, Double.NaN, null, BenchRow.NOT_INSTALLED + " (" + why + ")",
                    null, Role.SKIPPED));
        }

        void peerFailed(String t, String why) {
            rows.add(new Row(t, "failed: " + why, Double.NaN, Double.NaN, null, BenchRow.PEER_FAILED + ": " + why, null,
                    Role.SKIPPED));
        }

        /**
         * The rows with their ratio to the toolkit's time of the same kind: warm over its warm match, a first call
         * over its first call, a whole process over its CLI's whole process (NaN when the CLI gave none).
         */
        List<Row> withRatios() {
            double warm = seconds(Role.WARM), cold = seconds(Role.COLD), process = seconds(Role.PROCESS);
            List<Row> out = new ArrayList<>();
            for (Row r : rows) {
                double ref = switch (r.role()) {
                    case WARM, PEER -> warm;
                    case COLD, PEER_COLD, PROCESS_STEP -> cold;
                    case PROCESS, PEER_PROCESS -> process;
                    default -> Double.NaN;
                };
                double x = ref > 0 && Double.isFinite(r.seconds()) ? Math.round(r.seconds() / ref * 100) / 100.0 : Double.NaN;
                out.add(new Row(r.tool(), r.what(), r.seconds(), x, r.nOrphans(), r.agreement(), r.peakMemMb(), r.role()));
            }
            return out;
        }

        private double seconds(Role role) {
            return rows.stream().filter(r -> r.role() == role && r.tool().startsWith("tasni")).mapToDouble(Row::seconds)
                    .findFirst().orElse(Double.NaN);
        }
    }
}
