package org.tasni.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tasni.TasniException;
import org.tasni.download.Downloader;
import org.tasni.download.RateLimiter;
import org.tasni.download.RetryPolicy;
import org.tasni.download.TapClient;
import org.tasni.io.RecordTables;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.Table;

/**
 * Download throughput against a loopback TAP service that answers every query after a fixed latency: tiles per second
 * and requests per second as the concurrency grows, with the rate limit on. Throughput should grow with the
 * concurrency until it meets the limit (the ceiling is min(concurrency / latency, rate)), and the requests the server
 * saw in any window of one second must stay within the limiter's bound r·1 s + burst.
 */
public final class DownloadBenchmark {

    private static final int BURST = 3;
    /** One source at (0, 0) for every cone: a 0-row answer would be a FAILED tile (a broken table, for a sky survey). */
    private static final String ONE_ROW = "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" "
            + "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/>"
            + "<TABLE><FIELD name=\"source_id\" datatype=\"long\"/><FIELD name=\"ra\" datatype=\"double\"/>"
            + "<FIELD name=\"dec\" datatype=\"double\"/><DATA><TABLEDATA><TR><TD>1</TD><TD>0</TD><TD>0</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    /**
     * What the benchmark runs, built from {@link #defaults()} with withers:
     * {@code DownloadBenchmark.Options.defaults().withLatencyMs(10).withConcurrency(1, 8)}.
     *
     * @param latencyMs     how long the loopback service takes to answer each query, ms
     * @param rate          the rate limit, requests per second
     * @param tiles         tiles downloaded at each concurrency
     * @param concurrencies the concurrencies to time, one row each
     */
    public record Options(int latencyMs, double rate, int tiles, List<Integer> concurrencies) {

        public Options {
            if (latencyMs < 0 || !(rate > 0) || tiles < 1 || concurrencies.isEmpty()) {
                throw new TasniException("benchmark download: need latency >= 0 ms, rate > 0, tiles >= 1 and a concurrency "
                        + "(got " + latencyMs + " ms, " + rate + "/s, " + tiles + " tiles, " + concurrencies + ").");
            }
            concurrencies = List.copyOf(concurrencies);
        }

        /** 50 ms latency, 40 requests/s, 120 tiles at concurrencies 1, 2, 4, 8 and 16. */
        public static Options defaults() {
            return new Options(50, 40, 120, List.of(1, 2, 4, 8, 16));
        }

        public Options withLatencyMs(int ms) {
            return new Options(ms, rate, tiles, concurrencies);
        }

        public Options withRate(double perSecond) {
            return new Options(latencyMs, perSecond, tiles, concurrencies);
        }

        public Options withTiles(int n) {
            return new Options(latencyMs, rate, n, concurrencies);
        }

        public Options withConcurrency(int... values) {
            return new Options(latencyMs, rate, tiles, Arrays.stream(values).boxed().toList());
        }
    }

    /** One row of the result: a concurrency's throughput against its ceiling, and the busiest second against the bound. */
    public record Row(int concurrency, int requests, double seconds, double tilesPerS, double requestsPerS,
            double ceilingPerS, double rateLimit, @RecordTables.Name("max_in_1s") int maxIn1s,
            @RecordTables.Name("bound_1s") double bound1s) {}


    private final Options options;

    /** The benchmark with {@code options}. */
    public DownloadBenchmark(Options options) {
        this.options = options;
    }

    /** Runs it in {@code dir} (a fresh sub-directory per concurrency) and returns one row per concurrency. */
    public Table run(Path dir) throws IOException {
        return RecordTables.toTable("download benchmark (" + options.latencyMs() + " ms latency, " + options.tiles()
                + " tiles each)", Row.class, rows(dir));
    }

    /** The same rows as {@link #run}, as records (for {@link AllBenchmark}). */
    public List<Row> rows(Path dir) throws IOException {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/tap/sync", ex -> answer(ex, arrivals));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/tap";
        List<Row> rows = new ArrayList<>();
        try {
            for (int c : options.concurrencies()) {
                arrivals.clear();
                TapClient client = TapClient.of(base).retry(new RetryPolicy(3, 0.1, 1, 30))
                        .rateLimiter(new RateLimiter(options.rate(), BURST, RateLimiter.SYSTEM));
                Files.createDirectories(dir);
                Path out = Files.createTempDirectory(dir, "c" + c + "-"); // fresh: a finished tile would be skipped
                long t0 = System.nanoTime();
                Table summary = Downloader.at(base).gaiaDr3().sync().client(client).tiles(0, options.tiles() - 1)
                        .concurrency(c)
                        .to(out).run();
                double s = (System.nanoTime() - t0) / 1e9;
                deleteTree(out);
                if (TileStatus.count(summary, TileStatus.OK) < summary.rowCount()) {
                    throw new TasniException("the benchmark download failed:\n" + summary.print());
                }
                rows.add(new Row(c, arrivals.size(), round2(s), round2(options.tiles() / s), round2(arrivals.size() / s),
                        Math.min(c * 1000.0 / options.latencyMs(), options.rate()), options.rate(),
                        maxInWindow(arrivals, 1_000_000_000L), options.rate() + BURST));
            }
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
        return rows;
    }

    private void answer(HttpExchange ex, List<Long> arrivals) throws IOException {
        arrivals.add(System.nanoTime());
        ex.getRequestBody().readAllBytes();
        try {
            Thread.sleep(options.latencyMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = ONE_ROW.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-votable+xml");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * The most requests that {@code concurrency} workers can send in any 1 s window when each answer takes
     * {@code latencyMs}: each worker's requests are at least the latency apart, so at most ceil(1000 / latency) of them
     * fall in a window (unbounded at 0 ms).
     */
    static long mostIn1s(int concurrency, int latencyMs) {
        return latencyMs <= 0 ? Long.MAX_VALUE : (long) concurrency * ((1000 + latencyMs - 1) / latencyMs);
    }

    /**
     * Whether the limiter's bound can be what keeps the requests of a 1 s window down, at this concurrency and latency
     * for a run of {@code requests} requests: when the latency alone allows no more than the bound ({@link #mostIn1s}),
     * or the whole run sends no more than it, a check of the bound cannot fail.
     */
    static boolean bindingAt(int concurrency, int latencyMs, int requests, double bound) {
        return Math.min(mostIn1s(concurrency, latencyMs), requests) > bound;
    }

    /** The most arrivals within any window of the given length (two pointers over the sorted times). */
    static int maxInWindow(List<Long> arrivals, long windowNanos) {
        long[] t;
        synchronized (arrivals) {
            t = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        int best = 0;
        for (int i = 0, j = 0; j < t.length; j++) {
            while (t[j] - t[i] >= windowNanos) {
                i++;
            }
            best = Math.max(best, j - i + 1);
        }
        return best;
    }
}
