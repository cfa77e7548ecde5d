package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.download.FaultServer.Fault;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/**
 * Results a service answers with a redirect to where it stored them (TAP 1.1 allows it for sync and for results), and
 * a UWS service that answers a blocking wait at once.
 */
@Timeout(60)
class TapRedirectTest {

    static Table rows() {
        return TableIO.read("../data-samples/tiles/gaia_hp06046.parquet").selectColumns("source_id", "ra", "dec").inRange(0, 20);
    }

    @Test
    void aSyncAnswerRedirectedIsFollowedWithTheRightMethod(@TempDir Path dir) throws Exception {
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(rows(), dir))) {
            TapClient c = DownloadHostileInputTest.fast(s.base());
            for (int status : new int[] {301, 302, 303, 307, 308}) {
                s.redirectStatus = status;
                s.faults.add(Fault.REDIRECT);
                TapResult r = c.sync("SELECT 1", 0);
                assertEquals(20, r.table().rowCount(), "HTTP " + status);
                assertEquals(2, r.attempts(), "HTTP " + status + ": the query and the stored result");
                assertEquals(0, r.retries());
                // a POST redirected with 307/308 is repeated as a POST; otherwise the answer is fetched with a GET
                assertEquals(status >= 307 ? "POST" : "GET", s.storedMethod, "HTTP " + status);
            }
            assertEquals(5, s.stored.get());
        }
    }

    @Test
    void anAsyncResultRedirectedIsFollowed(@TempDir Path dir) throws Exception {
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(rows(), dir))) {
            s.executingPolls = 0;
            s.faults.add(Fault.REDIRECT);
            TapResult r = DownloadHostileInputTest.fast(s.base()).async("SELECT 1", 0, java.util.Map.of());
            assertEquals(20, r.table().rowCount());
            assertEquals(1, s.stored.get());
            assertEquals("GET", s.storedMethod);
        }
    }

    @Test
    void aRedirectLoopEndsWithItsName(@TempDir Path dir) throws Exception {
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(rows(), dir))) {
            for (int i = 0; i < 20; i++) {
                s.faults.add(Fault.REDIRECT_LOOP);
            }
            TasniException e = assertThrows(TasniException.class, () -> DownloadHostileInputTest.fast(s.base()).sync("SELECT 1", 0));
            assertTrue(e.getMessage().contains("redirect loop (more than 5 redirects"), e.getMessage());
            assertEquals(6, s.requests.get(), "the query and five redirects, not retried");
        }
    }

    // ---- F8: a server that does not hold the WAIT request ----

    @Test
    void aServerThatIgnoresWaitIsPolledWithBackoff(@TempDir Path dir) throws Exception {
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(rows(), dir))) {
            s.executingPolls = 100_000; // EXECUTING at once, whatever WAIT says
            TapClient c = DownloadHostileInputTest.fast(s.base()).task(new TapClient.Task("tile 1", 3));
            TasniException e = assertThrows(TasniException.class, () -> c.async("SELECT 1", 0, java.util.Map.of()));
            assertTrue(e.getMessage().contains("deadline of 3 s"), e.getMessage());
            int polls = 100_000 - s.executingPolls;
            assertTrue(polls >= 3 && polls <= 12, polls + " polls in 3 s: backing off, not at the rate limit (1000/s)");
        }
    }
}
