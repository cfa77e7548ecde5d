package org.tasni.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
 *   <li>Faults: 429, 500, 502, 503 and 504 responses, connection resets, timeouts and bodies cut mid-row are retried
 *       ({@link RetryPolicy}: full-jitter backoff, at least the server's Retry-After); other HTTP errors are not.</li>
 * </ul>
 */
public final class TapClient {

    private static final Pattern INFO = Pattern.compile("<INFO\\b([^>]*?)(/>|>(.*?)</INFO>)", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern PHASE = Pattern.compile("<(?:uws:)?phase>\\s*(\\w+)\\s*</(?:uws:)?phase>");

    private final URI base;
    private final RetryPolicy retry;
    private final RateLimiter limiter;
    private final String format;
    private final HttpClient http;
    private final SplittableRandom random = new SplittableRandom();

    private TapClient(URI base, RetryPolicy retry, RateLimiter limiter, String format) {
        this.base = base;
        this.retry = retry;
        this.limiter = limiter;
        this.format = format;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** A client for the TAP service at {@code baseUrl} (without /sync or /async). */
    public static TapClient of(String baseUrl) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            URI u = URI.create(b);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not http(s)");
            }
            return new TapClient(u, RetryPolicy.defaults(), new RateLimiter(5, 3, RateLimiter.SYSTEM), "votable");
        } catch (IllegalArgumentException e) {
            throw new TasniException("'" + baseUrl + "' is not a TAP base URL (expected http(s)://host/path).", e);
        }
    }

    public TapClient retry(RetryPolicy p) {
        return new TapClient(base, p, limiter, format);
    }

    public TapClient rateLimiter(RateLimiter l) {
        return new TapClient(base, retry, l, format);
    }

    /**
     * Result format: "votable" (default; the server's choice of serialisation, BINARY at DaCHS), "votable-tabledata",
     * "votable-binary2" or "csv" (with a header row).
     */
    public TapClient format(String f) {
        if (!FORMATS.containsKey(f)) {
            throw new TasniException("format must be one of " + String.join(", ", FORMATS.keySet()) + " (got '" + f + "').");
        }
        return new TapClient(base, retry, limiter, f);
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
    public TapResult async(String adql, long maxrec, Map<String, Table> uploads, java.util.function.Consumer<URI> started) {
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
        HttpResponse<byte[]> r = send(a, create, "POST", body(query(adql, maxrec), uploads));
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
                String doc = new String(send(a, URI.create(job + "?WAIT=10&PHASE=EXECUTING"), "GET", null).body(),
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
                sleep(poll);
                poll = Math.min(5, poll * 1.5);
            }
        }
        throw new TasniException(job + ": the job did not finish.");
    }

    private String errorMessage(Attempts a, URI job) {
        try {
            String doc = new String(send(a, URI.create(job + "/error"), "GET", null).body(), StandardCharsets.UTF_8);
            String info = queryStatus(doc)[1];
            return info != null ? info : doc.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        } catch (TasniException e) {
            return "(no error document: " + e.getMessage() + ")";
        }
    }

    private void delete(URI job) {
        try {
            limiter.acquire();
            http.send(HttpRequest.newBuilder(job).DELETE().timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
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
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
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

    /** A transient failure worth another attempt. */
    private static final class Transient extends Exception {
        final double retryAfter;

        Transient(String message, double retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    private HttpResponse<byte[]> send(Attempts a, URI url, String method, Body body) {
        return (HttpResponse<byte[]>) withRetries(a, url, () -> exchange(a, url, method, body));
    }

    private Parsed request(Attempts a, URI url, String method, Body body, long maxrec) {
        return (Parsed) withRetries(a, url, () -> {
            HttpResponse<byte[]> r = exchange(a, url, method, body);
            if (r.statusCode() != 200) {
                throw new TasniException(url + ": HTTP " + r.statusCode() + " where a result was expected.");
            }
            return parse(url, decode(r), maxrec);
        });
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Transient, IOException;
    }

    private Object withRetries(Attempts a, URI url, Call call) {
        String last = "";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                return call.run();
            } catch (Transient t) {
                last = t.getMessage();
                if (attempt < retry.maxAttempts()) {
                    a.retries++;
                    sleep(retry.delaySeconds(attempt, t.retryAfter, random));
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (attempt < retry.maxAttempts()) {
                    a.retries++;
                    sleep(retry.delaySeconds(attempt, Double.NaN, random));
                }
            }
        }
        throw new TasniException(url + ": failed after " + retry.maxAttempts() + " attempts (last: " + last + ").");
    }

    private HttpResponse<byte[]> exchange(Attempts a, URI url, String method, Body body) throws Transient, IOException {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TasniException(url + ": interrupted.");
        }
        a.n++;
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofMillis((long) (retry.timeoutSeconds() * 1000)))
                .header("Accept-Encoding", "gzip");
        if (body != null) {
            b.header("Content-Type", body.contentType()).method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TasniException(url + ": interrupted.");
        }
        int s = r.statusCode();
        if (s == 429 || s == 500 || s == 502 || s == 503 || s == 504) {
            double after = r.headers().firstValue("Retry-After").map(TapClient::retryAfter).orElse(Double.NaN);
            throw new Transient("HTTP " + s, after);
        }
        if (s >= 400) {
            String text = new String(r.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            throw new TasniException(url + ": HTTP " + s + " (" + text.substring(0, Math.min(200, text.length())) + ").");
        }
        return r;
    }

    private static double retryAfter(String v) {
        try {
            return Math.max(0, Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return Double.NaN; // an HTTP date: fall back to the backoff
        }
    }

    private static byte[] decode(HttpResponse<byte[]> r) throws Transient {
        if (r.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new Transient("gzip body cut short (" + e.getMessage() + ")", Double.NaN);
            }
        }
        return r.body();
    }

    /** {status, message} of the last QUERY_STATUS INFO in a VOTable, or {null, null}. */
    static String[] queryStatus(String xml) {
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
        return new String[] {status, message};
    }

    private Parsed parse(URI url, byte[] body, long maxrec) throws Transient {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).stripLeading();
        Table t;
        boolean overflow;
        if (head.startsWith("<")) {
            String xml = new String(body, StandardCharsets.UTF_8);
            String[] qs = queryStatus(xml);
            if ("ERROR".equals(qs[0])) {
                throw new TasniException(url + ": the server reports an error: " + qs[1]);
            }
            if (!xml.stripTrailing().endsWith("</VOTABLE>")) {
                throw new Transient("VOTable cut short (" + body.length + " bytes)", Double.NaN);
            }
            try {
                t = VOTableIO.read(body, "tap");
            } catch (IOException | RuntimeException e) {
                throw new Transient("VOTable could not be read (" + e.getMessage() + ")", Double.NaN);
            }
            overflow = "OVERFLOW".equals(qs[0]) || xml.contains("value=\"OVERFLOW\"");
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
