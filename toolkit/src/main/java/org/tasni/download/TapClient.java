package org.tasni.download;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * A TAP client: synchronous queries and asynchronous UWS jobs, with retries, a rate limit and honest results.
 *
 * <pre>{@code
 * var tap = TapClient.of("https://irsa.ipac.caltech.edu/TAP");
 * TapResult r = tap.async(Adql.cone("allwise_p3as_psd", cols, "ra", "dec", 84, 21, 1.95), 2_000_000);
 * if (r.overflow()) { … split the cone … }
 * }</pre>
 *
 * <h2>What it does for you</h2>
 * <ul>
 *   <li>Async: create the job ({@code POST base/async}, 303 with a relative or absolute Location), start it with a
 *       separate {@code PHASE=RUN}, wait with UWS 1.1 {@code WAIT=} when the server blocks, else poll with backoff,
 *       fetch {@code results/result}, then {@code DELETE} the job. ERROR and ABORTED jobs are errors carrying the
 *       server's message; {@link #resume(URI, long)} continues a saved job after a restart.</li>
 *   <li>Results: VOTable (TABLEDATA, BINARY, BINARY2, parsed by STIL) or CSV, gzip or not. A VOTable error document
 *       (which servers send with HTTP 200) is an error with its message. Overflow is never silent: see
 *       {@link TapResult#overflow()}.</li>
 *   <li>Faults: 429, 500, 502, 503 and 504 responses (HTML maintenance pages included), connection resets, timeouts
 *       and bodies cut mid-row are retried ({@link RetryPolicy}: full-jitter backoff, at least the server's
 *       Retry-After); other HTTP errors are not. An HTML page sent with HTTP 200 where a VOTable, CSV or UWS document
 *       was expected (a portal's maintenance or login page) is said as such, with its title, and tried at most
 *       {@value #HTML_ATTEMPTS} times: unlike a 503, it says nothing about when the service comes back.</li>
 *   <li>Time: a connection must open within the timeout ({@link #timeout}, default 60 s), and a request that receives
 *       no data for that long is abandoned and retried. While it waits, every half timeout (at most 30 s) a notice
 *       "no data for 30 s, waiting (try 2/6)" goes to {@link #notices}. Work done under a deadline (a tile of the
 *       {@link Downloader}) stops when the deadline passes, backoff waits included.</li>
 * </ul>
 *
 * <p>This class holds the configuration and the protocol's entry points. The HTTP exchange with its retries, stall
 * watch and deadlines is {@link TapTransport}; the UWS job lifecycle is {@link UwsJob}; reading results, VOTable
 * error documents and HTML pages is {@link TapDocuments}; request bodies are {@link TapBody}.
 */
public final class TapClient {

    /** Attempts at most for an HTML page sent with HTTP 200 (a maintenance or login page that will not go away soon). */
    static final int HTML_ATTEMPTS = 3;

    private final URI base;
    private final RetryPolicy retry;
    private final RateLimiter limiter;
    private final String format;
    private final HttpClient http;
    private final Consumer<String> notices;
    private final Task task;
    private final TapTransport transport;

    private TapClient(URI base, RetryPolicy retry, RateLimiter limiter, String format, HttpClient http,
            Consumer<String> notices, Task task) {
        this.base = base;
        this.retry = retry;
        this.limiter = limiter;
        this.format = format;
        this.http = http != null ? http : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis((long) Math.ceil(retry.timeoutSeconds() * 1000))).build();
        this.notices = notices;
        this.task = task;
        this.transport = new TapTransport(retry, limiter, this.http, notices, task);
    }

    /**
     * The requests of one unit of work (a tile, a NEOWISE query): a label for notices and errors, a deadline, and
     * counts of requests and retries that a failed unit reports too.
     */
    static final class Task {
        final String label;
        final double deadlineSeconds;
        final long deadlineNanos;
        final AtomicInteger requests = new AtomicInteger(), retries = new AtomicInteger();

        /** A unit of work named {@code label} that must end within {@code deadlineSeconds} from now (infinite: none). */
        Task(String label, double deadlineSeconds) {
            this.label = label;
            this.deadlineSeconds = deadlineSeconds;
            long now = System.nanoTime();
            this.deadlineNanos = Double.isInfinite(deadlineSeconds) || deadlineSeconds * 1e9 > Long.MAX_VALUE / 2
                    ? Long.MAX_VALUE : now + (long) (deadlineSeconds * 1e9);
        }

        long remainingNanos() {
            return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        }
    }

    /** A client for the TAP service at {@code baseUrl} (without /sync or /async). */
    public static TapClient of(String baseUrl) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            URI u = URI.create(b);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not http(s)");
            }
            // notices go to stderr unless the caller routes them: a stalled request must never be silent
            return new TapClient(u, RetryPolicy.defaults(), new RateLimiter(5, 3, RateLimiter.SYSTEM), "votable", null,
                    System.err::println, null);
        } catch (IllegalArgumentException e) {
            throw new TasniException("'" + baseUrl + "' is not a TAP base URL (expected http(s)://host/path).", e);
        }
    }

    /** Attempts, backoff and timeout; a changed timeout also becomes the connect timeout. */
    public TapClient retry(RetryPolicy p) {
        return new TapClient(base, p, limiter, format, p.timeoutSeconds() == retry.timeoutSeconds() ? http : null, notices, task);
    }

    /**
     * The connect timeout and the read timeout, seconds: a request that receives no data for this long is abandoned
     * (and retried, as the {@link RetryPolicy} says). Default 60 s.
     */
    public TapClient timeout(double seconds) {
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new TasniException("the timeout must be in (0, 86400] seconds (got " + seconds + ").");
        }
        return retry(new RetryPolicy(retry.maxAttempts(), retry.baseDelaySeconds(), retry.maxDelaySeconds(), seconds));
    }

    /** Where lines about a stalled request or a long wait before a retry go (default: standard error). */
    public TapClient notices(Consumer<String> sink) {
        return new TapClient(base, retry, limiter, format, http, Objects.requireNonNull(sink), task);
    }

    public TapClient rateLimiter(RateLimiter l) {
        return new TapClient(base, retry, l, format, http, notices, task);
    }

    /** This client for one unit of work: its requests are counted in {@code t}, labelled and bounded by its deadline. */
    TapClient task(Task t) {
        return new TapClient(base, retry, limiter, format, http, notices, t);
    }

    RetryPolicy retryPolicy() {
        return retry;
    }

    /**
     * Result format: "votable" (default; the server's choice of serialisation, BINARY at DaCHS), "votable-tabledata",
     * "votable-binary2" or "csv" (with a header row).
     */
    public TapClient format(String f) {
        if (!FORMATS.containsKey(f)) {
            throw new TasniException("format must be one of " + String.join(", ", FORMATS.keySet()) + " (got '" + f + "').");
        }
        return new TapClient(base, retry, limiter, f, http, notices, task);
    }

    // TAP 1.1 §2.7.1 names "votable" and "csv"; the serialisations are the VOTable MIME type's parameter
    private static final Map<String, String> FORMATS = Map.of("votable", "votable", "csv", "csv",
            "votable-tabledata", "application/x-votable+xml;serialization=TABLEDATA",
            "votable-binary2", "application/x-votable+xml;serialization=BINARY2");

    public URI base() {
        return base;
    }

    /** True if the service says it is up ({@code GET base/availability}, VOSI), within five seconds. */
    public boolean available() {
        return transport.available(URI.create(base + "/availability"));
    }

    /** A synchronous query ({@code POST base/sync}); maxrec ≤ 0 leaves the server's default. */
    public TapResult sync(String adql, long maxrec) {
        return sync(adql, maxrec, Map.of());
    }

    /**
     * A synchronous query with tables uploaded for it (TAP_UPLOAD): the ADQL refers to {@code TAP_UPLOAD.<name>}
     * for each entry of {@code uploads}, whose names must be plain identifiers.
     */
    public TapResult sync(String adql, long maxrec, Map<String, Table> uploads) {
        TapTransport.Attempts a = new TapTransport.Attempts();
        URI url = base.resolve(base.getPath() + "/sync");
        TapDocuments.Parsed p = transport.request(a, url, "POST", TapBody.of(query(adql, maxrec), uploads), maxrec);
        return new TapResult(p.table(), p.overflow(), a.n, a.retries, p.bytes(), null);
    }

    /** An asynchronous query: create, run, wait, fetch, delete. */
    public TapResult async(String adql, long maxrec) {
        return async(adql, maxrec, Map.of(), job -> { });
    }

    /** An asynchronous query with TAP_UPLOAD tables (see {@link #sync(String, long, Map)}). */
    public TapResult async(String adql, long maxrec, Map<String, Table> uploads) {
        return async(adql, maxrec, uploads, job -> { });
    }

    /**
     * An asynchronous query that hands the job URL to {@code started} as soon as the job runs, so that a caller can
     * record it and {@link #resume} the job after a crash instead of submitting it again.
     */
    public TapResult async(String adql, long maxrec, Map<String, Table> uploads, Consumer<URI> started) {
        TapTransport.Attempts a = new TapTransport.Attempts();
        URI job = submit(a, adql, maxrec, uploads);
        started.accept(job);
        return UwsJob.finish(transport, a, job, maxrec);
    }

    /** Creates and starts an async job; the URL it returns can be saved and given to {@link #resume} later. */
    public URI submit(String adql, long maxrec) {
        return submit(new TapTransport.Attempts(), adql, maxrec, Map.of());
    }

    private URI submit(TapTransport.Attempts a, String adql, long maxrec, Map<String, Table> uploads) {
        return UwsJob.submit(transport, a, base, TapBody.of(query(adql, maxrec), uploads));
    }

    /** Waits for an existing job, fetches its result and deletes it. */
    public TapResult resume(URI job, long maxrec) {
        return UwsJob.finish(transport, new TapTransport.Attempts(), job, maxrec);
    }

    private Map<String, String> query(String adql, long maxrec) {
        return TapBody.query(adql, maxrec, FORMATS.get(format));
    }
}
