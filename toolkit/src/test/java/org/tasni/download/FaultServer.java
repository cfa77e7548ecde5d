package org.tasni.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TAP service on loopback that injects the faults a real server will not produce on demand: 500/503/429 with
 * Retry-After, connection resets, bodies cut mid-row, slow responses, error documents and overflow. Each request to
 * a result takes the next fault from a queue; an empty queue serves the result.
 */
final class FaultServer implements AutoCloseable {

    enum Fault { OK, E500, E503_RETRY_AFTER, E429_RETRY_AFTER, RESET, TRUNCATED, SLOW, ERROR_DOCUMENT, E404,
        /** a portal's maintenance page with HTTP 200 */ HTML_200,
        /** a maintenance page with HTTP 503 and Retry-After: 0 */ HTML_503,
        /** HTTP {@link #redirectStatus} to the stored result, a relative Location */ REDIRECT,
        /** HTTP 302 to the very same address */ REDIRECT_LOOP }

    /** The maintenance page of {@link Fault#HTML_200} and {@link Fault#HTML_503}. */
    static final String MAINTENANCE = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>IRSA  Scheduled\n"
            + "Maintenance &amp; Upgrade</title></head><body><h1>We will be back soon</h1></body></html>\n";

    final HttpServer server;
    final byte[] votable;
    final Deque<Fault> faults = new ArrayDeque<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    volatile int executingPolls = 2;
    volatile long slowMillis = 1500;
    /** The Retry-After of {@link Fault#E503_RETRY_AFTER}, seconds. */
    volatile String retryAfter = "1";
    /** The status of {@link Fault#REDIRECT}. */
    volatile int redirectStatus = 303;
    /** Requests to the stored result a {@link Fault#REDIRECT} points to, and the method of the last one. */
    final AtomicInteger stored = new AtomicInteger();
    volatile String storedMethod;

    FaultServer(byte[] votable) throws IOException {
        this.votable = votable;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tap/sync", ex -> result(ex));
        server.createContext("/tap/" + STORED, this::stored);
        server.createContext("/tap/async", this::async);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tap";
    }

    private synchronized Fault next() {
        return faults.isEmpty() ? Fault.OK : faults.poll();
    }

    private void result(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        ex.getRequestBody().readAllBytes();
        switch (next()) {
            case E500 -> send(ex, 500, "internal error".getBytes(StandardCharsets.UTF_8), null);
            case E503_RETRY_AFTER -> send(ex, 503, "busy".getBytes(StandardCharsets.UTF_8), retryAfter);
            case E429_RETRY_AFTER -> send(ex, 429, "slow down".getBytes(StandardCharsets.UTF_8), "1");
            case E404 -> send(ex, 404, "no such table".getBytes(StandardCharsets.UTF_8), null);
            case RESET -> ex.close(); // the connection drops before any response
            case TRUNCATED -> {
                ex.sendResponseHeaders(200, 0); // chunked
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(votable, 0, votable.length / 2);
                }
            }
            case SLOW -> {
                sleep(slowMillis);
                send(ex, 200, votable, null);
            }
            case HTML_200 -> html(ex, 200, null);
            case HTML_503 -> html(ex, 503, "0");
            case ERROR_DOCUMENT -> send(ex, 200, ("<VOTABLE version=\"1.4\"><RESOURCE type=\"results\">"
                    + "<INFO name=\"QUERY_STATUS\" value=\"ERROR\">Column decl is not defined</INFO></RESOURCE></VOTABLE>")
                    .getBytes(StandardCharsets.UTF_8), null);
            case REDIRECT -> {
                ex.getResponseHeaders().add("Location", STORED); // beside the address asked, as a relative reference
                html(ex, redirectStatus, null);
            }
            case REDIRECT_LOOP -> {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort()
                        + ex.getRequestURI());
                send(ex, 302, new byte[0], null);
            }
            case OK -> send(ex, 200, votable, null);
        }
    }

    /** The name of the stored result, next to the sync endpoint and to a job's result. */
    static final String STORED = "stored-result";

    private void stored(HttpExchange ex) throws IOException {
        stored.incrementAndGet();
        storedMethod = ex.getRequestMethod();
        ex.getRequestBody().readAllBytes();
        send(ex, 200, votable, null);
    }

    private void async(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String q = ex.getRequestURI().getQuery();
        String method = ex.getRequestMethod();
        ex.getRequestBody().readAllBytes();
        if (path.equals("/tap/async") && method.equals("POST")) {
            ex.getResponseHeaders().add("Location", "async/job1"); // relative, as some servers send it
            send(ex, 303, new byte[0], null);
        } else if (path.equals("/tap/async/job1/phase") && method.equals("POST")) {
            ex.getResponseHeaders().add("Location", base() + "/async/job1");
            send(ex, 303, new byte[0], null);
        } else if (path.equals("/tap/async/job1") && method.equals("GET") && q != null && q.contains("WAIT")) {
            String phase = executingPolls-- > 0 ? "EXECUTING" : "COMPLETED";
            send(ex, 200, ("<uws:job xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\"><uws:phase>" + phase
                    + "</uws:phase></uws:job>").getBytes(StandardCharsets.UTF_8), null);
        } else if (path.equals("/tap/async/job1/results/result")) {
            result(ex);
        } else if (path.equals("/tap/async/job1/results/" + STORED)) {
            stored(ex);
        } else if (path.equals("/tap/async/job1") && method.equals("DELETE")) {
            deletes.incrementAndGet();
            send(ex, 303, new byte[0], null);
        } else {
            send(ex, 404, new byte[0], null);
        }
    }

    private static void html(HttpExchange ex, int status, String retryAfter) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        send(ex, status, MAINTENANCE.getBytes(StandardCharsets.UTF_8), retryAfter);
    }

    private static void send(HttpExchange ex, int status, byte[] body, String retryAfter) throws IOException {
        if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
