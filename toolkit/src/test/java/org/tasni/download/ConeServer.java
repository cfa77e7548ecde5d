package org.tasni.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.io.TableIO;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * A small TAP service on loopback that answers cone queries from a table, as DaCHS would: MAXREC with a trailing
 * QUERY_STATUS=OVERFLOW, sync and async (UWS) endpoints, and an optional queue of injected faults per result.
 */
final class ConeServer implements AutoCloseable {

    private static final Pattern CIRCLE = Pattern.compile(
            "CIRCLE\\('ICRS',\\s*([-0-9.eE]+),\\s*([-0-9.eE]+),\\s*([-0-9.eE]+)\\)");

    final HttpServer server;
    final Table data;
    final Deque<FaultServer.Fault> faults = new ArrayDeque<>();
    final AtomicInteger results = new AtomicInteger();
    private final Map<String, Map<String, String>> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Path tmp;

    ConeServer(Table data) throws IOException {
        this.data = data;
        this.tmp = Files.createTempDirectory("cone");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/tap/sync", ex -> respond(ex, form(ex)));
        server.createContext("/tap/async", this::async);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tap";
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> m = new HashMap<>();
        for (String kv : body.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private void async(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath(), method = ex.getRequestMethod();
        if (path.equals("/tap/async") && method.equals("POST")) {
            String id = "job" + ids.incrementAndGet();
            jobs.put(id, form(ex));
            ex.getResponseHeaders().add("Location", base() + "/async/" + id);
            seeOther(ex);
            return;
        }
        String[] parts = path.substring("/tap/async/".length()).split("/");
        Map<String, String> job = jobs.get(parts[0]);
        ex.getRequestBody().readAllBytes();
        if (job == null) {
            send(ex, 404, new byte[0]);
        } else if (parts.length == 2 && parts[1].equals("phase")) {
            ex.getResponseHeaders().add("Location", base() + "/async/" + parts[0]);
            seeOther(ex);
        } else if (parts.length == 1 && method.equals("GET")) {
            send(ex, 200, "<uws:job xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\"><uws:phase>COMPLETED</uws:phase></uws:job>"
                    .getBytes(StandardCharsets.UTF_8));
        } else if (parts.length == 3 && parts[1].equals("results")) {
            respond(ex, job);
        } else if (parts.length == 1 && method.equals("DELETE")) {
            jobs.remove(parts[0]);
            seeOther(ex);
        } else {
            send(ex, 404, new byte[0]);
        }
    }

    private void respond(HttpExchange ex, Map<String, String> q) throws IOException {
        results.incrementAndGet();
        FaultServer.Fault f;
        synchronized (faults) {
            f = faults.isEmpty() ? FaultServer.Fault.OK : faults.poll();
        }
        switch (f) {
            case E500 -> {
                send(ex, 500, "boom".getBytes(StandardCharsets.UTF_8));
                return;
            }
            case E503_RETRY_AFTER -> {
                ex.getResponseHeaders().add("Retry-After", "1");
                send(ex, 503, "busy".getBytes(StandardCharsets.UTF_8));
                return;
            }
            case RESET -> {
                ex.close();
                return;
            }
            case E404 -> {
                send(ex, 404, "no such table".getBytes(StandardCharsets.UTF_8));
                return;
            }
            default -> { }
        }
        Matcher m = CIRCLE.matcher(q.getOrDefault("QUERY", ""));
        if (!m.find()) {
            send(ex, 400, "no CIRCLE".getBytes(StandardCharsets.UTF_8));
            return;
        }
        double ra = Double.parseDouble(m.group(1)), dec = Double.parseDouble(m.group(2)), r = Double.parseDouble(m.group(3));
        long maxrec = Long.parseLong(q.getOrDefault("MAXREC", "20000"));
        double[] ras = data.doubleColumn("ra").asDoubleArray(), decs = data.doubleColumn("dec").asDoubleArray();
        BitmapBackedSelection sel = new BitmapBackedSelection();
        int n = 0;
        boolean overflow = false;
        for (int i = 0; i < ras.length; i++) {
            if (SkyMath.separationDeg(ra, dec, ras[i], decs[i]) <= r) {
                if (n == maxrec) {
                    overflow = true;
                    break;
                }
                sel.add(i);
                n++;
            }
        }
        Path f2 = tmp.resolve("r" + Thread.currentThread().getId() + ".vot");
        TableIO.write(data.where(sel).setName("result"), f2);
        String xml = Files.readString(f2).replaceFirst("<RESOURCE([^>]*)>", "<RESOURCE$1><INFO name=\"QUERY_STATUS\" value=\"OK\"/>");
        if (overflow) {
            xml = xml.replace("</RESOURCE>", "<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/></RESOURCE>");
        }
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        if (f == FaultServer.Fault.TRUNCATED) {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body, 0, body.length / 2);
            }
            return;
        }
        send(ex, 200, body);
    }

    /**
     * 303 See Other with a small HTML body, as DaCHS sends it: a redirect's page must not be taken for a maintenance
     * page.
     */
    private static void seeOther(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        send(ex, 303, "<!DOCTYPE html><html><head><title>TAP service -- See Other</title></head><body>See Other</body></html>"
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
