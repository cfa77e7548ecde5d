package org.tasni.it;

import org.tasni.download.SilentServer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** The download command as a user runs it, against a server that never answers and with an output that is an input. */
class HostileDownloadCliTest {

    @TempDir
    Path dir;

    @Test
    void aSilentServerIsReportedWhileItWaitsAndTheTileFailsAtItsDeadline() throws Exception {
        try (SilentServer s = new SilentServer()) {
            Path out = dir.resolve("data"), stats = dir.resolve("s.json");
            var r = Jar.run("download", "--catalog", "gaia", "--tap-url", s.base(), "--tiles", "6046", "--sync",
                    "--timeout", "1", "--tile-deadline", "3", "--out", out.toString(), "--stats-json", stats.toString());
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("tile 6046: no data for 0.5 s, waiting (try 1/6)"), r.err());
            assertTrue(r.err().contains("error: 1 tile(s) failed and will be fetched again on the next run"), r.err());
            assertTrue(r.err().contains("tile 06046: gave up, the deadline of 3 s "), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            // the requests of the failed tile are those the server saw, in the summary line, the CSV and the stats JSON
            int seen = s.accepted.get();
            assertTrue(seen >= 1, "at least one connection");
            assertTrue(r.out().contains("tiles: 0 ok, 1 failed, 0 skipped") && r.out().contains(seen + " requests ("
                    + (seen - 1) + " retries)"), r.out() + " server saw " + seen);
            Table summary = TableIO.read(out.resolve("tiles/gaia_download_summary.csv"));
            assertEquals(seen, summary.intColumn("requests").get(0));
            assertTrue(Files.readString(stats).contains("\"n_requests\" : " + seen), Files.readString(stats));
            assertFalse(Files.exists(out.resolve("tiles/gaia_hp06046.parquet")));
        }
    }

    @Test
    void anOutputThatIsTheTargetsFileIsRefusedAndTheFileKept() throws Exception {
        Path targets = dir.resolve("targets.parquet");
        Files.copy(Jar.ROOT.resolve("data-samples/targets.parquet"), targets);
        byte[] before = Files.readAllBytes(targets);
        try (SilentServer s = new SilentServer()) {
            var r = Jar.run("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", targets.toString(),
                    "--out", targets.toString(), "--timeout", "1");
            assertEquals(1, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("error: --out " + targets + " is the --targets file"), r.err());
            assertEquals(0, s.accepted.get(), "refused before any request");
        }
        assertArrayEquals(before, Files.readAllBytes(targets));
    }

    @Test
    void aTileWithoutAnyRowFailsAndIsFetchedAgainOnTheRerun() throws Exception {
        String vot = "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">"
                + "<RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>"
                + "<FIELD name=\"source_id\" datatype=\"long\"/><FIELD name=\"ra\" datatype=\"double\"/>"
                + "<FIELD name=\"dec\" datatype=\"double\"/><FIELD name=\"pmra\" datatype=\"double\"/>"
                + "<FIELD name=\"pmdec\" datatype=\"double\"/><FIELD name=\"parallax\" datatype=\"double\"/>"
                + "<FIELD name=\"phot_g_mean_mag\" datatype=\"float\"/><FIELD name=\"ref_epoch\" datatype=\"double\"/>"
                + "<DATA><TABLEDATA></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        byte[] body = vot.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var requests = new java.util.concurrent.atomic.AtomicInteger();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tap/sync", ex -> {
            ex.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/tap";
            Path out = dir.resolve("d");
            for (int run = 1; run <= 2; run++) {
                var r = Jar.run("download", "--catalog", "gaia", "--tap-url", base, "--sync", "--tiles", "6044",
                        "--out", out.toString());
                assertEquals(1, r.code(), r.out() + r.err());
                assertTrue(r.out().contains("tiles: 0 ok, 1 failed, 0 skipped"), r.out());
                assertTrue(r.err().contains("tile 06044: 0 rows from the service (a broken or partial table?); "
                        + "fetched again next run"), r.err());
                assertEquals(run, requests.get(), "asked again on the rerun");
                assertFalse(Files.exists(out.resolve("tiles/gaia_hp06044.parquet")));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void statusShowsAZeroByteEpochsFileAsUnreadableAndRefusesAFileAsOut() throws Exception {
        Files.createFile(dir.resolve("neowise_epochs.parquet"));
        var r = Jar.run("status", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("neowise_epochs.parquet") && l.contains("UNREADABLE")), r.out());
        assertFalse(r.out().contains("-1 rows"), r.out());
        r = Jar.run("status", dir.toString(), "--out", dir.resolve("neowise_epochs.parquet").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not a directory"), r.err());
    }
}
