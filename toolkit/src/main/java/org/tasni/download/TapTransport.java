package org.tasni.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.tasni.TasniException;

/**
 * The HTTP side of {@link TapClient}: one request sent under the rate limit and watched for stalls, retried on
 * transient faults as the {@link RetryPolicy} says, and bounded by the deadline of its {@link TapClient.Task}. The
 * protocol (sync, UWS) sits above it and knows nothing of retries; this class knows nothing of TAP but the HTML
 * page that stands where a document should.
 */
final class TapTransport {

    private final RetryPolicy retry;
    private final RateLimiter limiter;
    private final HttpClient http;
    private final Consumer<String> notices;
    private final TapClient.Task task;
    private final SplittableRandom random = new SplittableRandom();

    TapTransport(RetryPolicy retry, RateLimiter limiter, HttpClient http, Consumer<String> notices, TapClient.Task task) {
        this.retry = retry;
        this.limiter = limiter;
        this.http = http;
        this.notices = notices;
        this.task = task;
    }

    /** Counts the HTTP requests of one operation. */
    static final class Attempts {
        int n, retries;
    }

    /** A transient failure worth another attempt, at most {@code attempts} attempts in all. */
    static final class Transient extends Exception {
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
    record Reply(int statusCode, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    private interface Call {
        Object run(int attempt) throws Transient, IOException;
    }

    /** The seconds the server may hold a blocking request: well under the read timeout, or every wait would time out. */
    long blockingWaitSeconds() {
        return Math.max(1, Math.min(10, (long) (retry.timeoutSeconds() / 3)));
    }

    /** True if {@code url} answers 200 with a VOSI {@code available} of true, within five seconds (no retries). */
    boolean available(URI url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().matches("(?s).*<(\\w+:)?available>\\s*true\\s*</(\\w+:)?available>.*");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends a request, with retries; any status below 400 is an answer. */
    Reply send(Attempts a, URI url, String method, TapBody body) {
        return (Reply) withRetries(a, url, attempt -> exchange(a, url, method, body, attempt));
    }

    /**
     * Sends a request that must answer 200 with a result, with retries; a result cut short is retried too. Redirects
     * are followed ({@link #MAX_REDIRECTS} at most): TAP lets a service answer a sync query or a job's result with a
     * 303 to where the rows are stored.
     */
    TapDocuments.Parsed request(Attempts a, URI url, String method, TapBody body, long maxrec) {
        return (TapDocuments.Parsed) withRetries(a, url, attempt -> {
            URI at = url;
            String how = method;
            TapBody what = body;
            Reply r = exchange(a, at, how, what, attempt);
            for (int hops = 0; Redirect.of(r.statusCode()) != null; hops++) {
                Redirect kind = Redirect.of(r.statusCode());
                if (hops == MAX_REDIRECTS) {
                    throw new TasniException(url + ": redirect loop (more than " + MAX_REDIRECTS + " redirects; the last "
                            + "HTTP " + r.statusCode() + " from " + at + ").");
                }
                at = location(at, r);
                if (kind == Redirect.TO_GET || !how.equals("GET") && kind == Redirect.MOVED) {
                    // a 303, and a 301/302 after a POST as every client treats them, say where to GET the answer
                    how = "GET";
                    what = null;
                }
                r = exchange(a, at, how, what, attempt);
            }
            if (r.statusCode() != 200) {
                throw new TasniException(at + ": HTTP " + r.statusCode() + " where a result was expected.");
            }
            return TapDocuments.parse(at, r.body(), maxrec);
        });
    }

    /** Redirects followed for one result: a chain longer than this is a loop, or a service not worth following. */
    static final int MAX_REDIRECTS = 5;

    /** How an HTTP redirect is followed. */
    private enum Redirect {
        /** 301, 302: moved; a POST becomes a GET. */
        MOVED,
        /** 303 See Other: a GET of another resource. */
        TO_GET,
        /** 307, 308: the same request again, method and body kept. */
        SAME;

        static Redirect of(int status) {
            return switch (status) {
                case 301, 302 -> MOVED;
                case 303 -> TO_GET;
                case 307, 308 -> SAME;
                default -> null;
            };
        }
    }

    /** Where a redirect from {@code from} points, a relative Location resolved against it. */
    private static URI location(URI from, Reply r) {
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new TasniException(from + ": HTTP "
                + r.statusCode() + " without a Location to follow."));
        try {
            URI to = from.resolve(loc.strip());
            if (!"http".equalsIgnoreCase(to.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
                throw new IllegalArgumentException("not an HTTP address");
            }
            return to;
        } catch (IllegalArgumentException e) {
            throw new TasniException(from + ": HTTP " + r.statusCode() + " to '" + loc + "', which cannot be followed ("
                    + e.getMessage() + ").");
        }
    }

    /** Deletes {@code url} once, without retries, ignoring failures. */
    void deleteQuietly(URI url) {
        try {
            limiter.acquire();
            http.send(HttpRequest.newBuilder(url).DELETE().timeout(Duration.ofMillis((long) (Math.min(30, retry.timeoutSeconds())
                    * 1000))).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException ignored) {
            // the server expires jobs anyway; a failed clean-up must not fail a finished download
        }
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
    void pause(double seconds, URI url, String what) {
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

    private Reply exchange(Attempts a, URI url, String method, TapBody body, int attempt) throws Transient, IOException {
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
        String html = TapDocuments.htmlTitle(r.headers(), bytes);
        String page = html == null ? "" : ": the server answered with an HTML page (maybe maintenance): " + html;
        if (s == 429 || s == 500 || s == 502 || s == 503 || s == 504) {
            double after = r.headers().firstValue("Retry-After").map(TapTransport::retryAfter).orElse(Double.NaN);
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
            throw new Transient(page.substring(2), Double.NaN, TapClient.HTML_ATTEMPTS);
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

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TasniException("interrupted while waiting to retry.");
        }
    }
}
