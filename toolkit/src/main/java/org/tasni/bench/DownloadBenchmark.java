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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tasni.TasniException;
import org.tasni.download.Downloader;
import org.tasni.download.RateLimiter;
import org.tasni.download.RetryPolicy;
import org.tasni.download.TapClient;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Download throughput against a loopback TAP service that answers every query after a fixed latency: tiles per second
 * and requests per second as the concurrency grows, with the rate limit on. Throughput should grow with the
 * concurrency until it meets the limit (the ceiling is min(concurrency / latency, rate)), and the requests the server
 * saw in any window of one second must stay within the limiter's bound r·1 s + burst.
 */
public final class DownloadBenchmark {

    private static final int BURST = 3;
    private static final String EMPTY = "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" "
            + "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/>"
            + "<TABLE><FIELD name=\"source_id\" datatype=\"long\"/><FIELD name=\"ra\" datatype=\"double\"/>"
            + "<FIELD name=\"dec\" datatype=\"double\"/><DATA><TABLEDATA></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    private final int latencyMs;
    private final double rate;
    private final int tiles;
    private final int[] concurrencies;

    public DownloadBenchmark(int latencyMs, double rate, int tiles, int[] concurrencies) {
        this.latencyMs = latencyMs;
        this.rate = rate;
        this.tiles = tiles;
        this.concurrencies = concurrencies.clone();
    }

    /** One row per concurrency. */
    public Table run(Path dir) throws IOException {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/tap/sync", ex -> answer(ex, arrivals));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/tap";
        IntColumn conc = IntColumn.create("concurrency"), reqs = IntColumn.create("requests"), peak = IntColumn.create("max_in_1s");
        DoubleColumn secs = DoubleColumn.create("seconds"), tps = DoubleColumn.create("tiles_per_s"),
                rps = DoubleColumn.create("requests_per_s"), ceiling = DoubleColumn.create("ceiling_per_s"),
                limit = DoubleColumn.create("rate_limit"), bound = DoubleColumn.create("bound_1s");
        try {
            for (int c : concurrencies) {
                arrivals.clear();
                TapClient client = TapClient.of(base).retry(new RetryPolicy(3, 0.1, 1, 30))
                        .rateLimiter(new RateLimiter(rate, BURST, RateLimiter.SYSTEM));
                Files.createDirectories(dir);
                Path out = Files.createTempDirectory(dir, "c" + c + "-"); // fresh: a finished tile would be skipped
                long t0 = System.nanoTime();
                Table summary = Downloader.at(base).gaiaDr3().sync().client(client).tiles(0, tiles - 1).concurrency(c)
                        .to(out).run();
                double s = (System.nanoTime() - t0) / 1e9;
                deleteTree(out);
                if (summary.stringColumn("status").isNotEqualTo("OK").size() > 0) {
                    throw new TasniException("the benchmark download failed:\n" + summary.print());
                }
                conc.append(c);
                reqs.append(arrivals.size());
                secs.append(round2(s));
                tps.append(round2(tiles / s));
                rps.append(round2(arrivals.size() / s));
                ceiling.append(Math.min(c * 1000.0 / latencyMs, rate));
                limit.append(rate);
                peak.append(maxInWindow(arrivals, 1_000_000_000L));
                bound.append(rate + BURST);
            }
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
        return Table.create("download benchmark (" + latencyMs + " ms latency, " + tiles + " tiles each)", conc, reqs, secs,
                tps, rps, ceiling, limit, peak, bound);
    }

    private void answer(HttpExchange ex, List<Long> arrivals) throws IOException {
        arrivals.add(System.nanoTime());
        ex.getRequestBody().readAllBytes();
        try {
            Thread.sleep(latencyMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = EMPTY.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-votable+xml");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
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
