package org.tasni.download;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.tasni.TasniException;
import org.tasni.io.VOTableIO;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

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
 */
public final class TapClient {

    private static final Pattern INFO = Pattern.compile("<INFO\\b([^>]*?)(/>|>(.*?)</INFO>)", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern PHASE = Pattern.compile("<(?:uws:)?phase>\\s*(\\w+)\\s*</(?:uws:)?phase>");

    /** Attempts at most for an HTML page sent with HTTP 200 (a maintenance or login page that will not go away soon). */
    static final int HTML_ATTEMPTS = 3;
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern H1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final URI base;
    private final RetryPolicy retry;
    private final RateLimiter limiter;
    private final String format;
    private final HttpClient http;
    private final Consumer<String> notices;
    private final Task task;
    private final SplittableRandom random = new SplittableRandom();

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
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/availability"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().matches("(?s).*<(\\w+:)?available>\\s*true\\s*</(\\w+:)?available>.*");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
        Attempts a = new Attempts();
        URI url = base.resolve(base.getPath() + "/sync");
        Parsed p = request(a, url, "POST", body(query(adql, maxrec), uploads), maxrec);
        return new TapResult(p.table, p.overflow, a.n, a.retries, p.bytes, null);
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
        Attempts a = new Attempts();
        URI job = submit(a, adql, maxrec, uploads);
        started.accept(job);
        return resume(a, job, maxrec);
    }

    /** Creates and starts an async job; the URL it returns can be saved and given to {@link #resume} later. */
    public URI submit(String adql, long maxrec) {
        return submit(new Attempts(), adql, maxrec, Map.of());
    }

    private URI submit(Attempts a, String adql, long maxrec, Map<String, Table> uploads) {
        URI create = base.resolve(base.getPath() + "/async");
        Reply r = send(a, create, "POST", body(query(adql, maxrec), uploads));
        String loc = r.headers().firstValue("Location").orElse(null);
        if ((r.statusCode() != 303 && r.statusCode() != 302 && r.statusCode() != 201) || loc == null) {
            throw new TasniException(create + ": creating the job gave HTTP " + r.statusCode()
                    + (loc == null ? " without a Location header" : "") + " (expected 303 See Other with the job URL).");
        }
        URI job = create.resolve(loc.trim());
        send(a, URI.create(job + "/phase"), "POST", form(Map.of("PHASE", "RUN")));
        return job;
    }

    /** Waits for an existing job, fetches its result and deletes it. */
    public TapResult resume(URI job, long maxrec) {
        return resume(new Attempts(), job, maxrec);
    }

    private TapResult resume(Attempts a, URI job, long maxrec) {
        String phase = waitForJob(a, job);
        if (phase.equals("ERROR")) {
            String msg = errorMessage(a, job);
            delete(job);
            throw new TasniException(job + ": the job failed: " + msg);
        }
        if (phase.equals("ABORTED")) {
            throw new TasniException(job + ": the job was aborted on the server.");
        }
        Parsed p = request(a, URI.create(job + "/results/result"), "GET", null, maxrec);
        delete(job);
        return new TapResult(p.table, p.overflow, a.n, a.retries, p.bytes, job);
    }

    private String waitForJob(Attempts a, URI job) {
        double poll = 0.2;
        boolean blocking = true;
        for (int rounds = 0; rounds < 100_000; rounds++) {
            String phase;
            if (blocking) {
                // UWS 1.1: the server holds the request until the phase changes or WAIT seconds pass
                // the server may hold the request WAIT seconds: well under the read timeout, or every wait would time out
                long wait = Math.max(1, Math.min(10, (long) (retry.timeoutSeconds() / 3)));
                String doc = new String(send(a, URI.create(job + "?WAIT=" + wait + "&PHASE=EXECUTING"), "GET", null).body(),
                        StandardCharsets.UTF_8);
                Matcher m = PHASE.matcher(doc);
                if (!m.find()) {
                    blocking = false;
                    continue;
                }
                phase = m.group(1);
            } else {
                phase = new String(send(a, URI.create(job + "/phase"), "GET", null).body(), StandardCharsets.UTF_8).trim();
            }
            switch (phase) {
                case "COMPLETED", "ERROR", "ABORTED" -> {
                    return phase;
                }
                case "PENDING", "QUEUED", "EXECUTING", "HELD", "SUSPENDED", "UNKNOWN" -> { }
                default -> throw new TasniException(job + ": unexpected job phase '" + phase + "'.");
            }
            if (!blocking || phase.equals("PENDING") || phase.equals("HELD")) {
                pause(poll, job, "while waiting for the job");
                poll = Math.min(5, poll * 1.5);
            }
        }
        throw new TasniException(job + ": the job did not finish.");
    }

    private String errorMessage(Attempts a, URI job) {
        try {
            String doc = new String(send(a, URI.create(job + "/error"), "GET", null).body(), StandardCharsets.UTF_8);
            String info = queryStatus(doc).message();
            return info != null ? info : doc.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        } catch (TasniException e) {
            return "(no error document: " + e.getMessage() + ")";
        }
    }

    private void delete(URI job) {
        try {
            limiter.acquire();
            http.send(HttpRequest.newBuilder(job).DELETE().timeout(Duration.ofMillis((long) (Math.min(30, retry.timeoutSeconds())
                    * 1000))).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException ignored) {
            // the server expires jobs anyway; a failed clean-up must not fail a finished download
        }
    }

    private Map<String, String> query(String adql, long maxrec) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("REQUEST", "doQuery");
        p.put("LANG", "ADQL");
        p.put("QUERY", adql);
        p.put("RESPONSEFORMAT", FORMATS.get(format));
        if (maxrec > 0) {
            p.put("MAXREC", Long.toString(maxrec));
        }
        return p;
    }

    /** A request body and its content type. */
    private record Body(byte[] bytes, String contentType) {}

    /** Form-encoded ({@code ;} in a MIME type becomes %3B, which servers built on Twisted need). */
    private static Body form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (var e : params.entrySet()) {
            sb.append(sb.length() > 0 ? "&" : "").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return new Body(sb.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /**
     * The query's parameters, form-encoded, or with uploads as multipart/form-data: {@code UPLOAD=name,param:name}
     * and one VOTable part per table (TAP 1.1 §4.3).
     */
    private static Body body(Map<String, String> params, Map<String, Table> uploads) {
        if (uploads.isEmpty()) {
            return form(params);
        }
        String boundary = "tasni-" + Long.toHexString(System.nanoTime()) + "-" + Long.toHexString(new SplittableRandom().nextLong());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(params);
        StringBuilder upload = new StringBuilder();
        for (String name : uploads.keySet()) {
            if (Adql.identifier(name).contains(".")) {
                throw new TasniException("upload name '" + name + "' must not contain a '.' (it becomes TAP_UPLOAD." + name + ").");
            }
            upload.append(upload.length() > 0 ? ";" : "").append(name).append(",param:").append(name);
        }
        all.put("UPLOAD", upload.toString());
        for (var e : all.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (var e : uploads.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"; filename=\""
                    + e.getKey() + ".xml\"\r\nContent-Type: application/x-votable+xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(VOTableIO.toBytes(e.getValue()));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** Counts the HTTP requests of one operation. */
    private static final class Attempts {
        int n, retries;
    }

    private record Parsed(Table table, boolean overflow, long bytes) {}

    /** A transient failure worth another attempt, at most {@code attempts} attempts in all. */
    private static final class Transient extends Exception {
        final double retryAfter;
        final int attempts;

        Transient(String message, double retryAfter) {
            this(message, retryAfter, Integer.MAX_VALUE);
        }

        Transient(String message, double retryAfter, int attempts) {
            super(message);
            this.retryAfter = retryAfter;
            this.attempts = attempts;
        }
    }

    /** A response with its body decoded (gzip undone). */
    private record Reply(int statusCode, HttpHeaders headers, byte[] body) {}

    private Reply send(Attempts a, URI url, String method, Body body) {
        return (Reply) withRetries(a, url, attempt -> exchange(a, url, method, body, attempt));
    }

    private Parsed request(Attempts a, URI url, String method, Body body, long maxrec) {
        return (Parsed) withRetries(a, url, attempt -> {
            Reply r = exchange(a, url, method, body, attempt);
            if (r.statusCode() != 200) {
                throw new TasniException(url + ": HTTP " + r.statusCode() + " where a result was expected.");
            }
            return parse(url, r.body(), maxrec);
        });
    }

    @FunctionalInterface
    private interface Call {
        Object run(int attempt) throws Transient, IOException;
    }

    private String label(URI url) {
        return task != null ? task.label : url.toString();
    }

    private Object withRetries(Attempts a, URI url, Call call) {
        String last = "";
        int attempt = 1;
        for (;; attempt++) {
            double after = Double.NaN;
            int allowed = retry.maxAttempts();
            try {
                return call.run(attempt);
            } catch (Transient t) {
                last = t.getMessage();
                after = t.retryAfter;
                allowed = Math.min(allowed, t.attempts);
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt >= allowed) {
                break;
            }
            double wait = retry.delaySeconds(attempt, after, random);
            String what = "before try " + (attempt + 1) + " (last: " + last + ")";
            if (task != null && task.remainingNanos() < wait * 1e9) {
                // no "trying again" notice for a try that will not be made: the deadline ends the task now
                throw deadline(url, "would pass during the wait of " + seconds(wait) + " s " + what);
            }
            if (wait >= 5) {
                notices.accept(String.format(Locale.ROOT, "%s: %s; trying again in %s s (try %d/%d)", label(url), last,
                        seconds(wait), attempt + 1, allowed));
            }
            pause(wait, url, what);
            // counted once it is certain to be made: a deadline during the wait ends the task without it
            a.retries++;
            if (task != null) {
                task.retries.incrementAndGet();
            }
        }
        throw new TasniException(url + ": failed after " + attempt + " attempts (last: " + last + ").");
    }

    /** Sleeps, but not past the task's deadline: a wait that would pass it ends the task now. */
    private void pause(double seconds, URI url, String what) {
        if (task != null && task.remainingNanos() < seconds * 1e9) {
            throw deadline(url, "would pass during the wait of " + seconds(seconds) + " s " + what);
        }
        sleep(seconds);
    }

    /** The task ended by its deadline; {@code when} says how ("passed while waiting for an answer (try 2/6)"). */
    private TasniException deadline(URI url, String when) {
        return new TasniException(String.format(Locale.ROOT, "%s: gave up, the deadline of %s s %s (%s).",
                task.label, seconds(task.deadlineSeconds), when, url));
    }

    /** Seconds as people write them: "30", "2.5". */
    static String seconds(double s) {
        return s >= 10 || s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s)
                : String.format(Locale.ROOT, "%.1f", s);
    }

    private Reply exchange(Attempts a, URI url, String method, Body body, int attempt) throws Transient, IOException {
        if (task != null && task.remainingNanos() <= 0) {
            throw deadline(url, "passed before try " + attempt);
        }
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TasniException(url + ": interrupted.");
        }
        a.n++;
        if (task != null) {
            task.requests.incrementAndGet();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Accept-Encoding", "gzip");
        if (body != null) {
            b.header("Content-Type", body.contentType()).method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> r = await(url, b.build(), attempt);
        byte[] bytes = decode(r);
        int s = r.statusCode();
        String html = htmlTitle(r.headers(), bytes);
        String page = html == null ? "" : ": the server answered with an HTML page (maybe maintenance): " + html;
        if (s == 429 || s == 500 || s == 502 || s == 503 || s == 504) {
            double after = r.headers().firstValue("Retry-After").map(TapClient::retryAfter).orElse(Double.NaN);
            throw new Transient("HTTP " + s + page, after);
        }
        if (s >= 400) {
            String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            throw new TasniException(url + ": HTTP " + s + (html != null ? page + "."
                    : " (" + text.substring(0, Math.min(200, text.length())) + ")."));
        }
        if (html != null && s < 300) {
            // a redirect's body is often a small HTML page (DaCHS's 303 See Other): only a page that stands where the
            // document should be is a fault. A 200 page is no promise that the service comes back soon: a few tries,
            // not the whole retry budget.
            throw new Transient(page.substring(2), Double.NaN, HTML_ATTEMPTS);
        }
        return new Reply(s, r.headers(), bytes);
    }

    /**
     * Sends a request and waits for its whole response, watching it: no data for the read timeout abandons it (a
     * retriable fault), a passed deadline ends the task, and while it waits a notice says so every half timeout (at
     * most 30 s). The JDK's request timeout only covers the wait for the headers, so the body is watched here too.
     */
    private HttpResponse<byte[]> await(URI url, HttpRequest request, int attempt) throws Transient, IOException {
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(request, info -> {
            lastData.set(System.nanoTime());
            return new Watched(HttpResponse.BodySubscribers.ofByteArray(), lastData);
        });
        double timeout = retry.timeoutSeconds();
        long timeoutNanos = (long) (timeout * 1e9);
        long noticeNanos = (long) (Math.min(30, timeout / 2) * 1e9);
        long nextNotice = noticeNanos;
        long pollMillis = Math.max(20, Math.min(1000, (long) (timeout * 100)));
        while (true) {
            try {
                return f.get(pollMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long idle = System.nanoTime() - lastData.get();
                if (idle >= timeoutNanos) {
                    f.cancel(true);
                    throw new Transient("no data for " + seconds(timeout) + " s (the read timeout)", Double.NaN);
                }
                if (task != null && task.remainingNanos() <= 0) {
                    f.cancel(true);
                    throw deadline(url, "passed while waiting for an answer (try " + attempt + "/" + retry.maxAttempts() + ")");
                }
                if (idle < noticeNanos) {
                    nextNotice = noticeNanos; // data came again: a later stall is reported afresh
                } else if (idle >= nextNotice) {
                    notices.accept(String.format(Locale.ROOT, "%s: no data for %s s, waiting (try %d/%d)", label(url),
                            seconds(Math.floor(idle / 1e9 * 10) / 10), attempt, retry.maxAttempts()));
                    nextNotice += noticeNanos;
                }
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(c);
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new TasniException(url + ": interrupted.");
            }
        }
    }

    /** A body subscriber that notes when data last arrived. */
    private record Watched(HttpResponse.BodySubscriber<byte[]> inner, AtomicLong lastData)
            implements HttpResponse.BodySubscriber<byte[]> {
        @Override
        public CompletionStage<byte[]> getBody() {
            return inner.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            inner.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            lastData.set(System.nanoTime());
            inner.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            inner.onError(throwable);
        }

        @Override
        public void onComplete() {
            inner.onComplete();
        }
    }

    /**
     * The title of an HTML page (or its first heading, or its first words), or null if the body is not HTML. A
     * VOTable or UWS document served as text/html is not taken for a page.
     */
    static String htmlTitle(HttpHeaders headers, byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        boolean looksHtml = head.startsWith("<!doctype html") || head.startsWith("<html")
                || (headers.firstValue("Content-Type").map(v -> v.toLowerCase(Locale.ROOT).contains("text/html"))
                        .orElse(false) && head.startsWith("<") && !head.startsWith("<?xml") && !head.contains("<votable")
                        && !head.contains("uws") && !head.contains("ivoa.net/xml"));
        if (!looksHtml) {
            return null;
        }
        String doc = new String(body, 0, Math.min(body.length, 65536), StandardCharsets.UTF_8);
        for (Pattern p : List.of(TITLE, H1)) {
            Matcher m = p.matcher(doc);
            if (m.find()) {
                String t = text(m.group(1));
                if (!t.isEmpty()) {
                    return t.substring(0, Math.min(160, t.length()));
                }
            }
        }
        String t = text(doc.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " "));
        return t.isEmpty() ? "(an empty page)" : t.substring(0, Math.min(160, t.length()));
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]*>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&nbsp;", " ").replace("&#39;", "'").replace("&quot;", "\"").replaceAll("\\s+", " ").trim();
    }

    private static double retryAfter(String v) {
        try {
            return Math.max(0, Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return Double.NaN; // an HTTP date: fall back to the backoff
        }
    }

    private static byte[] decode(HttpResponse<byte[]> r) throws Transient {
        if (r.body() == null) {
            return new byte[0];
        }
        if (r.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new Transient("gzip body cut short (" + e.getMessage() + ")", Double.NaN);
            }
        }
        return r.body();
    }

    /**
     * The last {@code QUERY_STATUS} INFO of a VOTable: its value ({@code OK}, {@code OVERFLOW}, {@code ERROR}) and its
     * text; both null where the document has none.
     */
    record QueryStatus(String status, String message) {

        boolean isError() {
            return "ERROR".equals(status);
        }

        boolean isOverflow() {
            return "OVERFLOW".equals(status);
        }
    }

    /** The last QUERY_STATUS INFO in a VOTable, or one of nulls. */
    static QueryStatus queryStatus(String xml) {
        String status = null, message = null;
        Matcher m = INFO.matcher(xml);
        while (m.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher am = ATTR.matcher(m.group(1));
            while (am.find()) {
                attrs.put(am.group(1), am.group(2));
            }
            if ("QUERY_STATUS".equals(attrs.get("name"))) {
                status = attrs.get("value");
                message = m.group(3) == null ? null : m.group(3).trim();
            }
        }
        return new QueryStatus(status, message);
    }

    private Parsed parse(URI url, byte[] body, long maxrec) throws Transient {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).stripLeading();
        Table t;
        boolean overflow;
        if (head.startsWith("<")) {
            String xml = new String(body, StandardCharsets.UTF_8);
            QueryStatus qs = queryStatus(xml);
            if (qs.isError()) {
                throw new TasniException(url + ": the server reports an error: " + qs.message());
            }
            if (!xml.stripTrailing().endsWith("</VOTABLE>")) {
                throw new Transient("VOTable cut short (" + body.length + " bytes)", Double.NaN);
            }
            try {
                t = VOTableIO.read(body, "tap");
            } catch (IOException | RuntimeException e) {
                throw new Transient("VOTable could not be read (" + e.getMessage() + ")", Double.NaN);
            }
            overflow = qs.isOverflow() || xml.contains("value=\"OVERFLOW\"");
        } else {
            // CSV carries no status: a body not ending in a line break was cut mid-row
            if (body.length > 0 && body[body.length - 1] != '\n') {
                throw new Transient("CSV cut mid-row (" + body.length + " bytes)", Double.NaN);
            }
            try {
                t = body.length == 0 ? Table.create("tap")
                        : Table.read().usingOptions(CsvReadOptions.builder(new ByteArrayInputStream(body)).tableName("tap"));
            } catch (RuntimeException e) {
                throw new Transient("CSV could not be read (" + e.getMessage() + ")", Double.NaN);
            }
            overflow = false;
        }
        overflow |= maxrec > 0 && t.rowCount() >= maxrec;
        return new Parsed(t, overflow, body.length);
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TasniException("interrupted while waiting to retry.");
        }
    }
}
