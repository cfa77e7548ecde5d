package org.tasni.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tasni.TasniException;
import org.tasni.pipeline.HeapPeak;

/**
 * {@code benchmark all}: every stage against its peers in one run, as one table of {@link BenchRow}s (crossmatch,
 * variability statistics, periodogram, Parquet read, download, cold CLI start, the whole pipeline), each with its cold and warm
 * figures, its ratio to the toolkit, its agreement check and its peak memory.
 *
 * <p>It runs the stage benchmarks ({@link CrossmatchBenchmark}, {@link VariabilityBenchmark}, {@link IoBenchmark},
 * {@link DownloadBenchmark})
 * and {@link ProcessBenchmarks} and only regroups their rows: a stage's toolkit row joins its first call (cold) and its
 * best warm run (warm), and so does each Python peer's, timed the same way in its own process (its first call and the
 * best of its next {@code repeat}). A whole-process row is a fresh process each time (cold: the first; warm: the best
 * of the next, where the stage runs several). The ratio compares warm with warm where both have one, else cold with the
 * toolkit's figure of the row's kind ({@link BenchRow#ratio}).
 */
public final class AllBenchmark {

    /** Every peer any stage knows. */
    public static final List<String> ALL_PEERS = List.of("astropy", "scipy", "sklearn", "stilts", "numpy", "duckdb");

    /**
     * What the benchmark runs.
     *
     * @param scale   sizes relative to issue 14's (crossmatch 38.5 deg² × scale, variability 100,000 × scale
     *                sources × 300 epochs, 10,000 × scale periodograms, Parquet read of 30M × scale rows); 0.05 runs
     *                in a few minutes on 2 cores
     * @param repeat  warm runs after the first (at least 1)
     * @param threads threads of the toolkit
     * @param peers   peers to run, any of {@link #ALL_PEERS}
     * @param data    the data-samples directory of the cold-start and pipeline rows
     * @param jar     the toolkit jar whose processes are timed; empty: those rows are skipped
     */
    public record Options(double scale, int repeat, int threads, List<String> peers, Path data, Optional<Path> jar) {

        public Options {
            if (!(scale > 0 && scale <= 100)) {
                throw new TasniException("--scale must be in (0, 100] (got " + scale + ").");
            }
            repeat = Math.max(1, repeat);
            peers = List.copyOf(peers);
            for (String p : peers) {
                if (!ALL_PEERS.contains(p)) {
                    throw new TasniException("--peers: unknown peer '" + p + "' (known: " + String.join(",", ALL_PEERS) + ").");
                }
            }
        }

        /** Scale 0.05, 3 warm runs, all cores, every peer, data-samples, no jar. */
        public static Options defaults() {
            return new Options(0.05, 3, Runtime.getRuntime().availableProcessors(), ALL_PEERS, Path.of("data-samples"),
                    Optional.empty());
        }

        /** The peers among {@code names} that this run runs, in their order. */
        String[] peers(String... names) {
            return List.of(names).stream().filter(peers::contains).toArray(String[]::new);
        }
    }

    private final Options options;

    /** The benchmark with {@code options}. */
    public AllBenchmark(Options options) {
        this.options = options;
    }

    /** Runs every stage in sub-directories of {@code dir} and returns the rows, stage by stage. */
    public List<BenchRow> run(Path dir) throws IOException, InterruptedException {
        Path work = CrossmatchBenchmark.workDir(dir);
        Files.createDirectories(work);
        List<BenchRow> rows = new ArrayList<>();
        rows.addAll(crossmatch(work.resolve("crossmatch")));
        rows.addAll(variability(work.resolve("variability")));
        rows.addAll(parquetRead(work.resolve("io")));
        rows.addAll(download(work.resolve("download")));
        ProcessBenchmarks processes = new ProcessBenchmarks(options.jar(), options.data(), options.repeat(),
                options.peers().contains("stilts"));
        rows.addAll(processes.coldStart(work.resolve("cold-start")));
        rows.addAll(processes.pipeline(work.resolve("pipeline")));
        return rows;
    }

    private List<BenchRow> crossmatch(Path dir) throws IOException, InterruptedException {
        var d = CrossmatchBenchmark.Options.defaults();
        var o = d.withScale(options.scale()).withThreads(options.threads()).withRepeat(options.repeat())
                .withPeers(options.peers("astropy", "scipy", "sklearn", "stilts"));
        if (options.jar().isPresent()) {
            o = o.withCliJar(options.jar().get());
        }
        List<CrossmatchBenchmark.Row> in = new CrossmatchBenchmark(o).rows(dir);
        String match = "crossmatch: match (unit vectors + index + query)";
        String process = "crossmatch: whole process (start, read, match, write)";
        List<BenchRow> m = new ArrayList<>(), p = new ArrayList<>();
        CrossmatchBenchmark.Row warm = find(in, Role.WARM), cold = find(in, Role.COLD);
        m.add(new BenchRow(match, warm.tool() + ", in this JVM", BenchRow.seconds(cold.seconds()),
                BenchRow.seconds(warm.seconds()), 1.0, summary(in), warm.peakMemMb(),
                "cold: first call; warm: best of " + options.repeat() + "; " + warm.nOrphans() + " orphans; "
                        + "peak: JVM heap pools over the warm runs, the benchmark's data included (first call: "
                        + cold.peakMemMb() + " MiB)"));
        for (CrossmatchBenchmark.Row r : in) {
            String notes = r.nOrphans() == null ? "" : r.nOrphans() + " orphans; ";
            switch (r.role()) {
                // the tool's label says how it was started (launcher or java -jar) and its threads; the what, its formats
                case PROCESS -> p.add(new BenchRow(process, r.tool() + ", " + formats(r.what()), BenchRow.seconds(r.seconds()),
                        null, null, r.agreement(), r.peakMemMb(), notes + "a fresh process after a "
                                + ChildRun.SETTLE_MILLIS / 1000 + " s pause; peak RSS of the process"));
                case PROCESS_STEP -> m.add(new BenchRow(match, r.tool() + ", match_s of a fresh process",
                        BenchRow.seconds(r.seconds()), null, null, r.agreement(), r.peakMemMb(),
                        notes + "the CLI's own match time (--stats-json), its first call; peak RSS of the whole process"));
                case PEER -> {
                    CrossmatchBenchmark.Row first = in.stream().filter(c -> c.role() == Role.PEER_COLD
                            && c.tool().equals(r.tool())).findFirst().orElse(null);
                    m.add(new BenchRow(match, r.tool(), first == null ? null : BenchRow.seconds(first.seconds()),
                            BenchRow.seconds(r.seconds()), null, r.agreement(), r.peakMemMb(), notes + "cold: its first "
                                    + "call in a fresh Python process (imports done), warm: best of its next "
                                    + options.repeat() + " there; peak: its VmHWM"));
                }
                case PEER_PROCESS -> p.add(new BenchRow(process, r.tool() + ", " + formats(r.what()),
                        BenchRow.seconds(r.seconds()), null, null, r.agreement(), r.peakMemMb(), notes
                                + "a fresh process after a " + ChildRun.SETTLE_MILLIS / 1000 + " s pause; peak RSS of the process"));
                case SKIPPED -> (r.tool().startsWith("STILTS") ? p : m).add(new BenchRow(
                        r.tool().startsWith("STILTS") ? process : match, r.tool(), null, null, null, r.agreement(), null, ""));
                default -> { }
            }
        }
        List<BenchRow> out = new ArrayList<>(withRatios(m, warm.seconds(), cold.seconds()));
        // the whole-process rows compare with the toolkit's own process, when its jar ran
        Double cliProcess = p.stream().filter(r -> r.tool().startsWith("tasni")).map(BenchRow::coldS).findFirst().orElse(null);
        out.addAll(cliProcess == null ? p : withRatios(p, cliProcess, cliProcess));
        return out;
    }

    /** "Parquet in, Parquet out" from a process row's "process (JVM start, read Parquet, match, write Parquet)". */
    private static String formats(String what) {
        var m = java.util.regex.Pattern.compile("read (\\w+), match, write (\\w+)").matcher(what);
        return m.find() ? m.group(1) + " in, " + m.group(2) + " out" : what;
    }

    private List<BenchRow> variability(Path dir) throws IOException, InterruptedException {
        int sources = Math.max(50, (int) Math.round(100_000 * options.scale()));
        var o = VariabilityBenchmark.Options.defaults().withSources(sources)
                .withLightCurves(Math.max(10, (int) Math.round(10_000 * options.scale())))
                .withAstropyLightCurves(Math.max(2, (int) Math.round(200 * options.scale())))
                .withThreads(options.threads()).withRepeat(options.repeat()).withPeers(options.peers("numpy", "astropy"));
        List<VariabilityBenchmark.Row> in = new VariabilityBenchmark(o).rows(dir);
        List<BenchRow> out = new ArrayList<>();
        for (VariabilityBenchmark.Stage stage : VariabilityBenchmark.Stage.values()) {
            List<VariabilityBenchmark.Row> st = in.stream().filter(r -> r.stage() == stage).toList();
            boolean stats = stage == VariabilityBenchmark.Stage.STATISTICS;
            String what = stats ? "variability statistics" : "periodogram (Lomb–Scargle)";
            String unit = stats ? " sources/s" : " periodograms/s";
            VariabilityBenchmark.Row warm = find(st, Role.WARM), cold = find(st, Role.COLD);
            List<VariabilityBenchmark.Row> peers = st.stream().filter(r -> r.role() == Role.PEER || r.role() == Role.SKIPPED)
                    .toList();
            out.add(new BenchRow(what, warm.tool() + ", in this JVM", BenchRow.seconds(cold.seconds()),
                    BenchRow.seconds(warm.seconds()), 1.0, peerSummary(peers), warm.peakMemMb(),
                    warm.what() + ": " + Math.round(warm.perSecond()) + unit + " warm, " + Math.round(cold.perSecond())
                            + " first; peak: JVM heap pools over the warm runs, the benchmark's data included (first call: "
                            + cold.peakMemMb() + " MiB)"));
            for (VariabilityBenchmark.Row r : st) {
                if (r.role() == Role.PEER) {
                    VariabilityBenchmark.Row first = st.stream().filter(c -> c.role() == Role.PEER_COLD
                            && c.tool().equals(r.tool())).findFirst().orElse(null);
                    // the ratio per unit of work, warm against warm: the peers do fewer periodograms than the toolkit
                    double ratio = Math.round(warm.perSecond() / r.perSecond() * 100) / 100.0;
                    out.add(new BenchRow(what, r.tool(), first == null ? null : BenchRow.seconds(first.seconds()),
                            BenchRow.seconds(r.seconds()), ratio, r.agreement(), r.peakMemMb(), r.what() + ": "
                                    + Math.round(r.perSecond()) + unit + " warm" + (first == null ? ""
                                    : ", " + Math.round(first.perSecond()) + " first") + "; cold: its first call in a "
                                    + "fresh Python process (imports done), warm: best of its next " + options.repeat()
                                    + " there; ratio per unit of work, warm; peak: its VmHWM"));
                } else if (r.role() == Role.SKIPPED) {
                    out.add(new BenchRow(what, r.tool(), null, null, null, r.agreement(), null, ""));
                }
            }
        }
        return out;
    }

    /**
     * {@link IoBenchmark}'s read rows as they are: each tool already has a cold (first read of a fresh JVM) and a
     * warm figure, and DuckDB's ratio to the toolkit.
     */
    private List<BenchRow> parquetRead(Path dir) throws IOException, InterruptedException {
        long rows = Math.max(3_000, Math.round(30_000_000 * options.scale()));
        var o = new IoBenchmark.Options(rows, Optional.empty(), options.repeat(), List.of(options.peers("duckdb")),
                Optional.empty(), options.jar(), options.data());
        return new IoBenchmark(o).readRows(dir);
    }

    private List<BenchRow> download(Path dir) throws IOException {
        // at least 60 tiles: more requests than the limiter's bound (43 in a second), so that at concurrency 8 the
        // check of the bound can fail (20 tiles, the old floor, sent fewer requests than the bound in all)
        int tiles = Math.max(60, (int) Math.round(120 * options.scale()));
        var o = DownloadBenchmark.Options.defaults().withTiles(tiles).withConcurrency(1, 8);
        HeapPeak.reset();
        List<DownloadBenchmark.Row> in = new DownloadBenchmark(o).rows(dir);
        double heap = HeapPeak.mebibytes();
        List<BenchRow> out = new ArrayList<>();
        for (DownloadBenchmark.Row r : in) {
            boolean bounded = r.maxIn1s() <= r.bound1s();
            // at a low concurrency the latency alone keeps the requests under the bound: the check cannot fail there
            long most = Math.min(DownloadBenchmark.mostIn1s(r.concurrency(), o.latencyMs()), r.requests());
            String agreement = !DownloadBenchmark.bindingAt(r.concurrency(), o.latencyMs(), r.requests(), r.bound1s())
                    ? "n/a: bound " + r.bound1s() + " not binding (at concurrency " + r.concurrency() + " and "
                            + o.latencyMs() + " ms latency, " + r.requests() + " requests, at most " + most
                            + " fit in 1 s; " + r.maxIn1s() + " seen)"
                    : (bounded ? "ok" : "mismatch") + ": at most " + r.maxIn1s() + " requests in 1 s, bound " + r.bound1s();
            out.add(new BenchRow("download throughput (loopback TAP, " + o.latencyMs() + " ms latency)",
                    "tasni Downloader, concurrency " + r.concurrency(), BenchRow.seconds(r.seconds()), null, null,
                    agreement, BenchRow.mebibytes(heap),
                    tiles + " tiles; " + r.tilesPerS() + " tiles/s, " + r.requestsPerS() + " requests/s against the ceiling "
                            + r.ceilingPerS() + "/s; no peer; peak: JVM heap pools over both runs"));
        }
        return out;
    }

    private static <R extends Record> R find(List<R> rows, Role role) {
        for (R r : rows) {
            if (roleOf(r) == role) {
                return r;
            }
        }
        throw new IllegalStateException("no " + role + " row in " + rows);
    }

    private static Role roleOf(Record r) {
        if (r instanceof CrossmatchBenchmark.Row c) {
            return c.role();
        }
        return ((VariabilityBenchmark.Row) r).role();
    }

    /**
     * The toolkit row's agreement: "mismatch" naming the tools that disagree, else "peer failed" naming those that
     * failed, else "ok" naming those that agree, else "n/a: no peer ran".
     */
    private static String summary(List<CrossmatchBenchmark.Row> in) {
        List<String> ran = new ArrayList<>(), bad = new ArrayList<>(), failed = new ArrayList<>();
        for (CrossmatchBenchmark.Row r : in) {
            if (r.role() == Role.PEER || r.role() == Role.PEER_PROCESS || r.role() == Role.PROCESS
                    || r.role() == Role.PROCESS_STEP || r.role() == Role.SKIPPED) {
                sort(r.tool(), r.agreement(), ran, bad, failed);
            }
        }
        return verdict(ran, bad, failed);
    }

    private static String peerSummary(List<VariabilityBenchmark.Row> peers) {
        List<String> ran = new ArrayList<>(), bad = new ArrayList<>(), failed = new ArrayList<>();
        for (VariabilityBenchmark.Row r : peers) {
            sort(r.tool(), r.agreement(), ran, bad, failed);
        }
        return verdict(ran, bad, failed);
    }

    private static void sort(String tool, String agreement, List<String> agree, List<String> disagree, List<String> failed) {
        if (agreement.startsWith("ok")) {
            agree.add(tool);
        } else if (agreement.startsWith("mismatch")) {
            disagree.add(tool);
        } else if (agreement.startsWith(BenchRow.PEER_FAILED)) {
            failed.add(tool);
        } else if (BenchRow.isFailure(agreement)) {
            failed.add(tool + " (the toolkit's own run)");
        }
    }

    static String verdict(List<String> agree, List<String> disagree, List<String> failed) {
        if (!disagree.isEmpty()) {
            return "mismatch: " + String.join(", ", disagree.stream().distinct().toList()) + " disagree";
        }
        if (!failed.isEmpty()) {
            boolean ours = failed.stream().anyMatch(f -> f.endsWith("(the toolkit's own run)"));
            return (ours ? "failed" : BenchRow.PEER_FAILED) + ": " + String.join(", ", failed.stream().distinct().toList());
        }
        List<String> names = agree.stream().distinct().toList();
        return names.isEmpty() ? BenchRow.NO_PEER : "ok: " + String.join(", ", names) + " agree";
    }

    /** Each row with its ratio to the toolkit's warm time, or to its cold time where the row has no warm figure. */
    private static List<BenchRow> withRatios(List<BenchRow> rows, double warm, double cold) {
        return rows.stream().map(r -> r.warmS() != null ? r.withRatioTo(warm) : r.withRatioTo(cold)).toList();
    }
}
