package org.tasni.download;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.TasniException;

/**
 * The life of one asynchronous TAP query as a UWS job: create it ({@code POST base/async}, 303 with a relative or
 * absolute Location), start it with a separate {@code PHASE=RUN}, wait with UWS 1.1 {@code WAIT=} while the server
 * blocks, else poll with backoff, fetch {@code results/result}, then {@code DELETE} it. Every request goes through the
 * {@link TapTransport}, which retries; this class only knows the phases.
 */
final class UwsJob {

    private static final Pattern PHASE = Pattern.compile("<(?:uws:)?phase>\\s*(\\w+)\\s*</(?:uws:)?phase>");

    private UwsJob() {}

    /** Creates and starts a job at {@code base/async}; the URL it returns can be saved and resumed later. */
    static URI submit(TapTransport http, TapTransport.Attempts a, URI base, TapBody query) {
        URI create = base.resolve(base.getPath() + "/async");
        TapTransport.Reply r = http.send(a, create, "POST", query);
        String loc = r.headers().firstValue("Location").orElse(null);
        if ((r.statusCode() != 303 && r.statusCode() != 302 && r.statusCode() != 201) || loc == null) {
            throw new TasniException(create + ": creating the job gave HTTP " + r.statusCode()
                    + (loc == null ? " without a Location header" : "") + " (expected 303 See Other with the job URL).");
        }
        URI job = create.resolve(loc.trim());
        http.send(a, URI.create(job + "/phase"), "POST", TapBody.form(Map.of("PHASE", "RUN")));
        return job;
    }

    /** Waits for the job, fetches its result and deletes it; an ERROR or ABORTED job is an error with its message. */
    static TapResult finish(TapTransport http, TapTransport.Attempts a, URI job, long maxrec) {
        String phase = waitFor(http, a, job);
        if (phase.equals("ERROR")) {
            String msg = errorMessage(http, a, job);
            http.deleteQuietly(job);
            throw new TasniException(job + ": the job failed: " + msg);
        }
        if (phase.equals("ABORTED")) {
            throw new TasniException(job + ": the job was aborted on the server.");
        }
        TapDocuments.Parsed p = http.request(a, URI.create(job + "/results/result"), "GET", null, maxrec);
        http.deleteQuietly(job);
        return new TapResult(p.table(), p.overflow(), a.n, a.retries, p.bytes(), job);
    }

    /** A blocking wait answered sooner than this (one second) was not held by the server. */
    private static final long QUICK_ANSWER_NANOS = 1_000_000_000L;

    private static String waitFor(TapTransport http, TapTransport.Attempts a, URI job) {
        double poll = 0.2;
        boolean blocking = true;
        for (int rounds = 0; rounds < 100_000; rounds++) {
            String phase;
            boolean answeredAtOnce = false;
            if (blocking) {
                // UWS 1.1: the server holds the request until the phase changes or WAIT seconds pass
                long t0 = System.nanoTime();
                String doc = http.send(a, URI.create(job + "?WAIT=" + http.blockingWaitSeconds() + "&PHASE=EXECUTING"),
                        "GET", null).text();
                // a UWS 1.0 server ignores WAIT, and a 1.1 one does not hold a QUEUED job for PHASE=EXECUTING: asked
                // again at once, either would take the whole rate limit, which the other tiles share
                answeredAtOnce = System.nanoTime() - t0 < QUICK_ANSWER_NANOS;
                Matcher m = PHASE.matcher(doc);
                if (!m.find()) {
                    blocking = false;
                    continue;
                }
                phase = m.group(1);
            } else {
                phase = http.send(a, URI.create(job + "/phase"), "GET", null).text().trim();
            }
            switch (phase) {
                case "COMPLETED", "ERROR", "ABORTED" -> {
                    return phase;
                }
                case "PENDING", "QUEUED", "EXECUTING", "HELD", "SUSPENDED", "UNKNOWN" -> { }
                default -> throw new TasniException(job + ": unexpected job phase '" + phase + "'.");
            }
            if (!blocking || answeredAtOnce || phase.equals("PENDING") || phase.equals("HELD")) {
                http.pause(poll, job, "while waiting for the job");
                poll = Math.min(5, poll * 1.5);
            }
        }
        throw new TasniException(job + ": the job did not finish.");
    }

    private static String errorMessage(TapTransport http, TapTransport.Attempts a, URI job) {
        try {
            return TapDocuments.errorMessage(http.send(a, URI.create(job + "/error"), "GET", null).text());
        } catch (TasniException e) {
            return "(no error document: " + e.getMessage() + ")";
        }
    }
}
