package org.tasni.bench;

import org.tasni.io.RecordTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.tasni.TasniException;
import org.tasni.pipeline.HeapPeak;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramConfig;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The variability benchmark: the standard statistics on S sources × E epochs against a vectorised numpy group-by of
 * the same statistics, and the periodogram against astropy's {@code LombScargle}, on the same data in the same run.
 *
 * <p>The data follow the reference's own benchmark generator (mjd = 58000 + 10j + U(0, 5); W1 = 14 + N(0, 0.1),
 * σ₁ = 0.05 + U(0, 0.05); W2 = 12.5 + N(0, 0.1), σ₂ = 0.04 + U(0, 0.05)) with 10% of sources fading at 0.05 mag/yr,
 * so that classification has something to find. Sources have equal lengths, which lets numpy work on 2-D arrays:
 * its fastest form. Timings exclude file I/O on both sides. Every tool is timed alike: its first call in its process
 * (cold) and the best of its next {@code repeat} (warm); the peers' imports come before their first call.
 */
public final class VariabilityBenchmark {

    /**
     * What the benchmark runs, built from {@link #defaults()} with withers:
     * {@code VariabilityBenchmark.Options.defaults().withSources(20_000).withPeers()}.
     *
     * @param sources     simulated sources
     * @param epochs      epochs per source (at least 10)
     * @param lightCurves periodograms to compute, at most {@code sources} (the wither caps it)
     * @param threads     threads of the toolkit
     * @param repeat      warm runs after the first (at least 1)
     * @param peers       peers to run: numpy, astropy (none: an empty list)
     * @param astropyLightCurves light curves astropy's periodograms run on (its exact method does about 6 a second),
     *                    at most {@code lightCurves}
     */
    public record Options(int sources, int epochs, int lightCurves, int threads, int repeat, List<String> peers,
            int astropyLightCurves) {

        public Options {
            if (sources < 1 || epochs < 10 || lightCurves < 1 || lightCurves > sources) {
                throw new TasniException("benchmark variability: need sources >= 1, epochs >= 10 and 1 <= light curves <= sources.");
            }
            astropyLightCurves = Math.max(1, Math.min(astropyLightCurves, lightCurves));
            repeat = Math.max(1, repeat);
            peers = List.copyOf(peers);
        }

        /** 100,000 sources × 300 epochs, 10,000 periodograms (200 for astropy), all cores, 3 warm runs, numpy and astropy. */
        public static Options defaults() {
            return new Options(100_000, 300, 10_000, Runtime.getRuntime().availableProcessors(), 3,
                    List.of("numpy", "astropy"), 200);
        }

        /** {@code n} sources; the light curves are capped at {@code n}. */
        public Options withSources(int n) {
            return new Options(n, epochs, Math.min(lightCurves, Math.max(1, n)), threads, repeat, peers, astropyLightCurves);
        }

        public Options withEpochs(int n) {
            return new Options(sources, n, lightCurves, threads, repeat, peers, astropyLightCurves);
        }

        /** {@code n} periodograms, capped at the sources. */
        public Options withLightCurves(int n) {
            return new Options(sources, epochs, Math.min(n, sources), threads, repeat, peers, astropyLightCurves);
        }

        public Options withThreads(int n) {
            return new Options(sources, epochs, lightCurves, n, repeat, peers, astropyLightCurves);
        }

        public Options withRepeat(int n) {
            return new Options(sources, epochs, lightCurves, threads, n, peers, astropyLightCurves);
        }

        public Options withPeers(String... names) {
            return new Options(sources, epochs, lightCurves, threads, repeat, List.of(names), astropyLightCurves);
        }

        /** {@code n} light curves for astropy's periodograms, capped at the toolkit's. */
        public Options withAstropyLightCurves(int n) {
            return new Options(sources, epochs, lightCurves, threads, repeat, peers, n);
        }
    }

    /** Which part of the benchmark a row belongs to. */
    public enum Stage {
        /** the standard statistics of every source */
        STATISTICS,
        /** Lomb–Scargle periodograms */
        PERIODOGRAM
    }

    /**
     * One row of the result: a tool's time, its throughput (sources/s or periodograms/s), its agreement ("ok …" or
     * "mismatch …"), its peak memory in MiB (the JVM heap pools' peak for the toolkit, the Python process's peak RSS
     * for the peers), its stage and what kind of figure it is.
     */
    public record Row(String tool, String what, double seconds, double perSecond, String agreement, Double peakMemMb,
            Stage stage, Role role) {}


    private final Options options;

    /** The benchmark with {@code options}. */
    public VariabilityBenchmark(Options options) {
        this.options = options;
    }

    /** Runs it in {@code dir} and returns one row per tool. */
    public Table run(Path dir) throws IOException, InterruptedException {
        return RecordTables.toTable("variability benchmark", Row.class, rows(dir));
    }

    /** Runs it in {@code dir} and returns one row per tool, as records (for {@link AllBenchmark}). */
    public List<Row> rows(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Table epochsTable = simulatedEpochs();
        System.out.printf("case: %,d sources × %d epochs = %,d rows; periodogram: %,d light curves × 10,000 frequencies%n",
                options.sources(), options.epochs(), epochsTable.rowCount(), options.lightCurves());
        Rows rows = new Rows();

        double cold = 0, best = Double.POSITIVE_INFINITY;
        Table stats = null;
        double coldHeap = 0;
        HeapPeak.reset();
        for (int k = 0; k <= options.repeat(); k++) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard()).threads(options.threads());
            stats = a.analyze(epochsTable);
            if (k == 0) {
                cold = a.report().computeSeconds();
                coldHeap = HeapPeak.mebibytes();
                HeapPeak.reset();
            } else {
                best = Math.min(best, a.report().computeSeconds());
            }
        }
        String tasni = "tasni standard statistics (" + options.threads() + " threads)";
        rows.add(tasni, "best of " + options.repeat() + " warm", best, options.sources() / best, "reference",
                HeapPeak.mebibytes(), Stage.STATISTICS, Role.WARM);
        rows.add(tasni, "first (cold JIT)", cold, options.sources() / cold, "reference", coldHeap, Stage.STATISTICS, Role.COLD);

        // the periodogram: its first call (after the statistics, so part of the JVM is warm already), then the best warm
        Table lcs = epochsTable.inRange(0, options.lightCurves() * options.epochs());
        Periodogram pg = Periodogram.of(PeriodogramConfig.tasniLegacy()).threads(options.threads());
        Table periods = null;
        double pgCold = 0, pgBest = Double.POSITIVE_INFINITY, pgColdHeap = 0;
        HeapPeak.reset();
        for (int k = 0; k <= options.repeat(); k++) {
            long p0 = System.nanoTime();
            periods = pg.run(lcs);
            double s = (System.nanoTime() - p0) / 1e9;
            if (k == 0) {
                pgCold = s;
                pgColdHeap = HeapPeak.mebibytes();
                HeapPeak.reset();
            } else {
                pgBest = Math.min(pgBest, s);
            }
        }
        // per_second counts periodograms: each light curve has two (W1 and W2); the astropy rows do W1 only
        String pgTool = "tasni periodogram (exact GLS, " + options.threads() + " threads)";
        String pgWhat = String.format("%,d light curves × W1, W2: %d points × 10,000 frequencies", options.lightCurves(),
                options.epochs());
        rows.add(pgTool, pgWhat + ", best of " + options.repeat() + " warm", pgBest, 2.0 * options.lightCurves() / pgBest,
                "reference", HeapPeak.mebibytes(), Stage.PERIODOGRAM, Role.WARM);
        rows.add(pgTool, pgWhat + ", first (after the statistics, in the same JVM)", pgCold, 2.0 * options.lightCurves() / pgCold, "reference", pgColdHeap,
                Stage.PERIODOGRAM, Role.COLD);

        Path py = Path.of("/usr/bin/python3");
        if (!options.peers().isEmpty() && !Files.isExecutable(py)) {
            for (String p : options.peers()) {
                rows.notInstalled(label(p), "no /usr/bin/python3", p.equals("numpy") ? Stage.STATISTICS : Stage.PERIODOGRAM);
            }
            return rows.rows;
        }
        if (!options.peers().isEmpty()) {
            // from the table's columns, the values the toolkit was timed on (the simulated arrays are gone)
            Npy.writeDoubles(dir.resolve("mjd.npy"), epochsTable.doubleColumn("mjd").asDoubleArray(), options.sources(),
                    options.epochs());
            for (String band : List.of("w1", "w2")) {
                Npy.writeFloats(dir.resolve(band + ".npy"), epochsTable.floatColumn(band + "mpro").asFloatArray(),
                        options.sources(), options.epochs());
                Npy.writeFloats(dir.resolve("e" + band.substring(1) + ".npy"),
                        epochsTable.floatColumn(band + "sigmpro").asFloatArray(), options.sources(), options.epochs());
            }
            PeerScripts.extract(dir, "variability_peers.py");
        }
        int astropyLc = options.astropyLightCurves();
        for (String peer : options.peers()) {
            Stage stage = peer.equals("numpy") ? Stage.STATISTICS : Stage.PERIODOGRAM;
            // one process per peer, so that each row's peak memory is that peer's own; it times its work 1 + repeat
            // times, as the toolkit's is timed: its first call (cold) and the best of the others (warm)
            Process proc = new ProcessBuilder(py.toString(), dir.resolve("variability_peers.py").toString(), dir.toString(),
                    peer, String.valueOf(astropyLc), String.valueOf(options.repeat()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(2, TimeUnit.HOURS) || proc.exitValue() != 0) {
                rows.peerFailed(label(peer), "python exited with an error: " + out.strip(), stage);
                continue;
            }
            JsonNode res = new ObjectMapper().readTree(out);
            if (res.has(peer) && res.get(peer).has("error")) {
                JsonNode e = res.get(peer);
                if (e.path("missing").asBoolean()) {
                    rows.notInstalled(label(peer), e.get("error").asText(), stage);
                } else {
                    rows.peerFailed(label(peer), e.get("error").asText(), stage);
                }
            }
            if (res.has("numpy")) {
                JsonNode r = res.get("numpy");
                if (r.has("error")) {
                    continue;
                }
                String agreement = !r.path("same_each_call").asBoolean(false)
                        ? "mismatch: its calls gave different statistics from one another" : agreement(stats, dir, r.get("statistics"));
                double peak = r.path("peak_rss_mb").asDouble(Double.NaN);
                double warm = r.get("warm_s").asDouble(), first = r.get("cold_s").asDouble();
                rows.add(label("numpy"), "same statistics, 2-D arrays, best of " + (r.get("calls").asInt() - 1) + " warm",
                        warm, options.sources() / warm, agreement, peak, Stage.STATISTICS, Role.PEER);
                rows.add(label("numpy"), "same statistics, first call in its process (imports done)", first,
                        options.sources() / first, agreement, peak, Stage.STATISTICS, Role.PEER_COLD);
            }
            for (String m : new String[] {"fast", "cython"}) {
                if (res.has("astropy_" + m)) {
                    JsonNode r = res.get("astropy_" + m);
                    double[] ap = Npy.readDoubles(dir.resolve("astropy_period_" + m + ".npy"));
                    String agreement = !r.path("same_each_call").asBoolean(false)
                            ? "mismatch: its calls found different periods from one another"
                            : periodAgreement(ap, periods, m.equals("fast"));
                    double peak = r.path("peak_rss_mb").asDouble(Double.NaN);
                    double warm = r.get("warm_s").asDouble(), first = r.get("cold_s").asDouble();
                    String tool = label("astropy") + " method=" + m + " (1 thread)";
                    rows.add(tool, astropyLc + " light curves × W1, best of " + (r.get("calls").asInt() - 1) + " warm", warm,
                            astropyLc / warm, agreement, peak, Stage.PERIODOGRAM, Role.PEER);
                    rows.add(tool, astropyLc + " light curves × W1, first call in its process (imports done)", first,
                            astropyLc / first, agreement, peak, Stage.PERIODOGRAM, Role.PEER_COLD);
                }
            }
        }
        return rows.rows;
    }

    /** A peer's row label (astropy's rows add their method), the same whether it ran or not. */
    private static String label(String peer) {
        return peer.equals("numpy") ? "numpy vectorised group-by (1 thread)" : "astropy LombScargle";
    }

    /**
     * The best periods of astropy against ours: all equal (to 1e-9) for the exact method; for {@code fast}, which
     * approximates the power by extirpolation, at least 90% equal (a few near-equal peaks trade places).
     */
    private static String periodAgreement(double[] ap, Table periods, boolean approximate) {
        int same = 0;
        for (int i = 0; i < ap.length; i++) {
            if (Math.abs(ap[i] - periods.doubleColumn("w1_best_period").get(i)) <= 1e-9 * ap[i]) {
                same++;
            }
        }
        boolean ok = approximate ? same >= 0.9 * ap.length : same == ap.length;
        return (ok ? "ok: " : "mismatch: ") + same + "/" + ap.length + " same best period"
                + (approximate ? " (approximate method: at least 90% expected)" : "");
    }

    /**
     * How closely numpy's statistics match ours: every statistic the peer computed ({@code names}, both bands and
     * Stetson's J), source by source, relative to max(1e-3, |ours|); NaN on both sides is the same, on one side a
     * mismatch. The same formulas in double precision: anything above 1e-6 is a different statistic, not rounding.
     */
    static String agreement(Table stats, Path dir, JsonNode names) throws IOException {
        double worst = 0;
        String worstName = "none";
        int compared = 0;
        for (JsonNode n : names) {
            String name = n.asText();
            if (!stats.containsColumn(name)) {
                return "mismatch: the toolkit has no column " + name + " for numpy's statistic";
            }
            double[] theirs = Npy.readDoubles(dir.resolve("numpy_" + name + ".npy"));
            double[] ours = ((NumericColumn<?>) stats.column(name)).asDoubleArray();
            if (theirs.length != ours.length) {
                return "mismatch: " + name + ": " + theirs.length + " sources, the toolkit " + ours.length;
            }
            for (int i = 0; i < ours.length; i++) {
                if (Double.isNaN(ours[i]) && Double.isNaN(theirs[i])) {
                    continue;
                }
                if (Double.isNaN(ours[i]) || Double.isNaN(theirs[i])) {
                    return "mismatch: " + name + " of source " + i + ": " + theirs[i] + ", the toolkit " + ours[i];
                }
                double d = Math.abs(theirs[i] - ours[i]) / Math.max(1e-3, Math.abs(ours[i]));
                if (d > worst) {
                    worst = d;
                    worstName = name;
                }
            }
            compared++;
        }
        if (compared == 0) {
            return "mismatch: numpy saved no statistic";
        }
        return String.format("%s: %d statistics, max rel. diff %.1e (%s)", worst <= 1e-6 ? "ok" : "mismatch", compared,
                worst, worstName);
    }

    /**
     * The simulated epochs, {@link Options#sources()} × {@link Options#epochs()} rows, grouped by source: every tenth
     * source fades 0.05 mag/yr in both bands, the rest are constant with 0.1 mag of noise.
     *
     * <p>A method of its own so that the arrays it fills are garbage once the table holds its copies of them: kept
     * reachable through the timed calls (as locals of {@link #rows}, for the peers' files), their 0.84 GB made every
     * collection of the timed calls slower. A probe of the same table, 4 calls each way: warm 0.62–0.84 s with them
     * reachable against 0.55–0.57 s without, first 1.49–1.58 s against 1.17–1.46 s.
     */
    private Table simulatedEpochs() {
        int n = options.sources() * options.epochs();
        var rnd = new SplittableRandom(42);
        String[] des = new String[n];
        double[] mjd = new double[n];
        float[] w1 = new float[n], e1 = new float[n], w2 = new float[n], e2 = new float[n];
        for (int s = 0; s < options.sources(); s++) {
            String d = String.format("S%07d", s);
            double trend = s % 10 == 0 ? 0.05 : 0;
            for (int j = 0; j < options.epochs(); j++) {
                int i = s * options.epochs() + j;
                des[i] = d;
                // every 10 days, closer when more than 300 epochs would pass the WISE/NEOWISE span's end (61000)
                mjd[i] = 58000 + 10 * j * Math.min(1, 299.0 / Math.max(1, options.epochs() - 1)) + rnd.nextDouble(5);
                double drift = trend * (mjd[i] - 58000) / 365.25;
                w1[i] = (float) (14 + drift + 0.1 * gauss(rnd));
                e1[i] = (float) (0.05 + rnd.nextDouble(0.05));
                w2[i] = (float) (12.5 + drift + 0.1 * gauss(rnd));
                e2[i] = (float) (0.04 + rnd.nextDouble(0.05));
            }
        }
        return Table.create("bench_epochs", StringColumn.create("designation", des),
                DoubleColumn.create("mjd", mjd), FloatColumn.create("w1mpro", w1), FloatColumn.create("w1sigmpro", e1),
                FloatColumn.create("w2mpro", w2), FloatColumn.create("w2sigmpro", e2));
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static final class Rows {
        final List<Row> rows = new ArrayList<>();

        void add(String t, String w, double s, double perSecond, String a, double peakMb, Stage stage, Role role) {
            // per_second: sources/s for the statistics rows, periodograms/s for the periodogram rows
            rows.add(new Row(t, w, Math.round(s * 1e4) / 1e4, (double) Math.round(perSecond), a,
                    BenchRow.mebibytes(peakMb), stage, role));
        }

        void notInstalled(String t, String why, Stage stage) {
            rows.add(new Row(t, "skipped: " + why, Double.NaN, Double.NaN, BenchRow.NOT_INSTALLED + " (" + why + ")", null,
                    stage, Role.SKIPPED));
        }

        void peerFailed(String t, String why, Stage stage) {
            rows.add(new Row(t, "failed: " + why, Double.NaN, Double.NaN, BenchRow.PEER_FAILED + ": " + why, null, stage,
                    Role.SKIPPED));
        }
    }
}
