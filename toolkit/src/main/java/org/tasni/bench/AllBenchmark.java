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
 * best warm run (warm). A peer runs once in a fresh process, so its figure is in the cold column; the ratio compares
 * it with the toolkit's warm figure, as a user comparing steady states would.
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
                case PROCESS -> p.add(new BenchRow(process, r.tool() + " (java -jar, Parquet)", BenchRow.seconds(r.seconds()),
                        null, null, r.agreement(), r.peakMemMb(), notes + "a fresh process; peak RSS of the process"));
                case PROCESS_STEP -> m.add(new BenchRow(match, r.tool() + ", match_s of a fresh process",
                        BenchRow.seconds(r.seconds()), null, null, r.agreement(), r.peakMemMb(),
                        notes + "the CLI's own match time (--stats-json), its first call; peak RSS of the whole process"));
                case PEER -> m.add(new BenchRow(match, r.tool(), BenchRow.seconds(r.seconds()), null, null, r.agreement(),
                        r.peakMemMb(), notes + "one run in a fresh Python process; peak: its VmHWM"));
                case PEER_PROCESS -> p.add(new BenchRow(process, r.tool() + " (VOTable)", BenchRow.seconds(r.seconds()), null,
                        null, r.agreement(), r.peakMemMb(), notes + "a fresh process; peak RSS of the process"));
                case SKIPPED -> (r.tool().startsWith("STILTS") ? p : m).add(
                        BenchRow.notInstalled(r.tool().startsWith("STILTS") ? process : match, r.tool(),
                                r.what().replaceFirst("^skipped: ", "")));
                default -> { }
            }
        }
        List<BenchRow> out = new ArrayList<>(withRatios(m, warm.seconds()));
        // the whole-process rows compare with the toolkit's own process, when its jar ran
        Double cliProcess = p.stream().filter(r -> r.tool().startsWith("tasni")).map(BenchRow::coldS).findFirst().orElse(null);
        out.addAll(cliProcess == null ? p : withRatios(p, cliProcess));
        return out;
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
            List<VariabilityBenchmark.Row> peers = st.stream().filter(r -> r.role() == Role.PEER).toList();
            out.add(new BenchRow(what, warm.tool() + ", in this JVM", BenchRow.seconds(cold.seconds()),
                    BenchRow.seconds(warm.seconds()), 1.0, peerSummary(peers), warm.peakMemMb(),
                    warm.what() + ": " + Math.round(warm.perSecond()) + unit + " warm, " + Math.round(cold.perSecond())
                            + " first; peak: JVM heap pools over the warm runs, the benchmark's data included (first call: "
                            + cold.peakMemMb() + " MiB)"));
            for (VariabilityBenchmark.Row r : st) {
                if (r.role() == Role.PEER) {
                    // the ratio per unit of work: the peers do fewer periodograms than the toolkit (too slow for all)
                    double ratio = Math.round(warm.perSecond() / r.perSecond() * 100) / 100.0;
                    out.add(new BenchRow(what, r.tool(), BenchRow.seconds(r.seconds()), null, ratio, r.agreement(),
                            r.peakMemMb(), r.what() + ": " + Math.round(r.perSecond()) + unit
                                    + "; one run in a fresh Python process; ratio per unit of work; peak: its VmHWM"));
                } else if (r.role() == Role.SKIPPED) {
                    out.add(BenchRow.notInstalled(what, r.tool(), r.what().replaceFirst("^skipped: ", "")));
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
        int tiles = Math.max(20, (int) Math.round(120 * options.scale()));
        var o = DownloadBenchmark.Options.defaults().withTiles(tiles).withConcurrency(1, 8);
        HeapPeak.reset();
        List<DownloadBenchmark.Row> in = new DownloadBenchmark(o).rows(dir);
        double heap = HeapPeak.mebibytes();
        List<BenchRow> out = new ArrayList<>();
        for (DownloadBenchmark.Row r : in) {
            boolean bounded = r.maxIn1s() <= r.bound1s();
            out.add(new BenchRow("download throughput (loopback TAP, " + o.latencyMs() + " ms latency)",
                    "tasni Downloader, concurrency " + r.concurrency(), BenchRow.seconds(r.seconds()), null, null,
                    (bounded ? "ok" : "mismatch") + ": at most " + r.maxIn1s() + " requests in 1 s, bound "
                            + r.bound1s(), BenchRow.mebibytes(heap),
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

    /** The toolkit row's agreement: "ok" when every peer that ran agrees, else the peers that do not. */
    private static String summary(List<CrossmatchBenchmark.Row> in) {
        List<String> ran = new ArrayList<>(), bad = new ArrayList<>();
        for (CrossmatchBenchmark.Row r : in) {
            if (r.role() == Role.PEER || r.role() == Role.PEER_PROCESS || r.role() == Role.PROCESS
                    || r.role() == Role.PROCESS_STEP) {
                (r.agreement().startsWith("ok") ? ran : bad).add(r.tool());
            }
        }
        return verdict(ran, bad);
    }

    private static String peerSummary(List<VariabilityBenchmark.Row> peers) {
        List<String> ran = new ArrayList<>(), bad = new ArrayList<>();
        for (VariabilityBenchmark.Row r : peers) {
            (r.agreement().startsWith("ok") ? ran : bad).add(r.tool());
        }
        return verdict(ran, bad);
    }

    private static String verdict(List<String> agree, List<String> disagree) {
        if (!disagree.isEmpty()) {
            return "mismatch: " + String.join(", ", disagree) + " disagree";
        }
        List<String> names = agree.stream().distinct().toList();
        return names.isEmpty() ? "ok: no peer ran, nothing to compare" : "ok: " + String.join(", ", names) + " agree";
    }

    private static List<BenchRow> withRatios(List<BenchRow> rows, double reference) {
        return rows.stream().map(r -> r.withRatioTo(reference)).toList();
    }
}
