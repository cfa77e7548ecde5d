package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.download.FaultServer.Fault;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** The TAP client against a loopback server that fails on purpose: after faults, the same rows as without. */
class TapClientTest {

    static Table gaia;
    static byte[] votable;

    @BeforeAll
    static void result(@TempDir Path dir) throws Exception {
        gaia = TableIO.read("../data-samples/tiles/gaia_hp06046.parquet", "source_id", "ra", "dec", "pmra", "pmdec")
                .inRange(0, 3000).setName("tap");
        Path f = dir.resolve("r.vot");
        TableIO.write(gaia, f);
        String xml = Files.readString(f, StandardCharsets.UTF_8);
        // a TAP result announces its status before the table
        votable = xml.replaceFirst("<RESOURCE([^>]*)>", "<RESOURCE$1><INFO name=\"QUERY_STATUS\" value=\"OK\"/>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static TapClient client(FaultServer s) {
        return TapClient.of(s.base()).retry(new RetryPolicy(6, 0.05, 0.2, 1.0))
                .rateLimiter(new RateLimiter(1000, 10, RateLimiter.SYSTEM));
    }

    static void assertSameRows(TapResult r) {
        TableAssert.assertSameTable(gaia, r.table().setName("tap"));
        assertFalse(r.overflow());
    }

    @Test
    void syncSurvivesEveryTransientFault() throws Exception {
        try (FaultServer s = new FaultServer(votable)) {
            s.faults.add(Fault.E503_RETRY_AFTER);
            s.faults.add(Fault.RESET);
            s.faults.add(Fault.TRUNCATED);
            s.faults.add(Fault.E500);
            s.faults.add(Fault.SLOW);
            long t0 = System.nanoTime();
            TapResult r = client(s).sync("SELECT * FROM gaia", 0);
            assertSameRows(r);
            assertEquals(6, r.attempts(), "five faults, then the result");
            assertTrue((System.nanoTime() - t0) / 1e9 >= 1.0, "the 503's Retry-After: 1 was honoured");
        }
    }

    @Test
    void asyncJobWithRelativeLocationFaultsAndCleanUp() throws Exception {
        try (FaultServer s = new FaultServer(votable)) {
            s.faults.add(Fault.E429_RETRY_AFTER);
            s.faults.add(Fault.TRUNCATED);
            TapResult r = client(s).async("SELECT * FROM gaia", 0);
            assertSameRows(r);
            assertTrue(r.job().toString().endsWith("/tap/async/job1"), r.job().toString());
            assertEquals(1, s.deletes.get(), "the job is deleted after its result is fetched");
        }
    }

    @Test
    void errorsAreNotRetriedAndCarryTheServersMessage() throws Exception {
        try (FaultServer s = new FaultServer(votable)) {
            s.faults.add(Fault.ERROR_DOCUMENT);
            var e = assertThrows(TasniException.class, () -> client(s).sync("SELECT decl FROM gaia", 0));
            assertTrue(e.getMessage().contains("the server reports an error: Column decl is not defined"), e.getMessage());
            s.faults.add(Fault.E404);
            var e2 = assertThrows(TasniException.class, () -> client(s).sync("SELECT * FROM nope", 0));
            assertTrue(e2.getMessage().contains("HTTP 404"), e2.getMessage());
            assertEquals(2, s.requests.get(), "neither was retried");
            for (int i = 0; i < 6; i++) {
                s.faults.add(Fault.E500);
            }
            var e3 = assertThrows(TasniException.class, () -> client(s).sync("SELECT * FROM gaia", 0));
            assertTrue(e3.getMessage().contains("failed after 6 attempts (last: HTTP 500)"), e3.getMessage());
        }
    }

    @Test
    void overflowIsNeverSilent() throws Exception {
        String over = new String(votable, StandardCharsets.UTF_8).replace("</RESOURCE>",
                "<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/></RESOURCE>");
        try (FaultServer s = new FaultServer(over.getBytes(StandardCharsets.UTF_8))) {
            assertTrue(client(s).sync("SELECT * FROM gaia", 0).overflow(), "QUERY_STATUS=OVERFLOW");
        }
        try (FaultServer s = new FaultServer(votable)) {
            assertTrue(client(s).sync("SELECT * FROM gaia", 3000).overflow(), "as many rows as MAXREC");
            assertFalse(client(s).sync("SELECT * FROM gaia", 3001).overflow());
        }
    }

    @Test
    void csvResultsAndBadBaseUrls() throws Exception {
        assertThrows(TasniException.class, () -> TapClient.of("ftp://example/tap"));
        assertThrows(TasniException.class, () -> TapClient.of("not a url"));
        Path dir = Files.createTempDirectory("csv");
        TableIO.write(gaia, dir.resolve("r.csv"));
        byte[] csv = Files.readAllBytes(dir.resolve("r.csv"));
        try (FaultServer s = new FaultServer(csv)) {
            s.faults.add(Fault.TRUNCATED);
            TapResult r = client(s).format("csv").sync("SELECT * FROM gaia", 0);
            TableAssert.assertSameValues(gaia, r.table().setName("tap"));
            assertEquals(2, r.attempts(), "a CSV cut mid-row is fetched again");
        }
    }
}
