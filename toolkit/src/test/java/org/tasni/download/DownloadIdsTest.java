package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.download.DownloadHostileInputTest.Cli;
import org.tasni.io.DropReason;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** The tile files hold each source once, under its exact 64-bit id, whatever the service declares or repeats. */
@Timeout(60)
class DownloadIdsTest {

    static Table sky;

    @BeforeAll
    static void load() {
        sky = TableIO.read("../data-samples/tiles/gaia_hp06046.parquet").setName("gaia");
    }

    /** A TABLEDATA result of source_id (declared {@code idType}, cells {@code ids}; null for an empty cell), ra, dec. */
    static byte[] result(String idType, String[] ids, double[] ra, double[] dec) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/"
                + "VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>"
                + "<FIELD name=\"source_id\" datatype=\"" + idType + "\"" + (idType.equals("char") ? " arraysize=\"*\"" : "")
                + "/><FIELD name=\"ra\" datatype=\"double\"/><FIELD name=\"dec\" datatype=\"double\"/><DATA><TABLEDATA>\n");
        for (int i = 0; i < ids.length; i++) {
            sb.append("<TR><TD>").append(ids[i] == null ? "" : ids[i]).append("</TD><TD>").append(ra[i]).append("</TD><TD>")
                    .append(dec[i]).append("</TD></TR>\n");
        }
        return sb.append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static final long BIG = 9007199254740993L; // 2^53 + 1: a double holds it as 2^53

    /** {@code n} sample positions with ids 2^53 + 1 + 2k, which a double cannot tell apart from their neighbours. */
    static String[] bigIds(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Long.toString(BIG + 2L * i);
        }
        return ids;
    }

    static double[] ra(int n) {
        return Arrays.copyOf(sky.doubleColumn("ra").asDoubleArray(), n);
    }

    static double[] dec(int n) {
        return Arrays.copyOf(sky.doubleColumn("dec").asDoubleArray(), n);
    }

    static ResultTable<Downloader.Report> run(String base, Path dir) {
        return Downloader.at(base).gaiaDr3().sync().tiles(6046).to(dir).concurrency(1)
                .client(DownloadHostileInputTest.fast(base)).run();
    }

    static long[] ids(Path dir) {
        long[] own = TableIO.read(dir.resolve("gaia_hp06046.parquet")).longColumn("source_id").asLongArray();
        long[] margin = TableIO.read(dir.resolve("margin/gaia_hp06046.parquet")).longColumn("source_id").asLongArray();
        long[] all = Arrays.copyOf(own, own.length + margin.length);
        System.arraycopy(margin, 0, all, own.length, margin.length);
        return all;
    }

    // ---- F2: the id column's declared type ----

    @Test
    void aFloatingPointIdColumnFailsTheTileNamingTheColumnAndItsType(@TempDir Path dir) throws Exception {
        for (String type : new String[] {"double", "float"}) {
            try (FaultServer s = new FaultServer(result(type, bigIds(40), ra(40), dec(40)))) {
                Path out = dir.resolve(type);
                Table t = run(s.base(), out);
                assertEquals("FAILED", t.stringColumn("status").get(0), t.print());
                String msg = t.stringColumn("message").get(0);
                assertTrue(msg.contains("the id column 'source_id' has type " + type.toUpperCase()) && msg.contains(s.base())
                        && msg.contains("ids must be integers"), msg);
                assertEquals(1, s.requests.get(), "a type is not a transient fault");
                assertFalse(Files.exists(out.resolve("gaia_hp06046.parquet")));
                assertFalse(Files.exists(out.resolve(".parts/gaia_o05_p6046.parquet")), "no part kept to be reused");
            }
        }
    }

    @Test
    void idsSentAsTextAreConvertedExactlyOrRefusedWithTheirRow(@TempDir Path dir) throws Exception {
        String[] ids = bigIds(40);
        try (FaultServer s = new FaultServer(result("char", ids, ra(40), dec(40)))) {
            Table t = run(s.base(), dir.resolve("text"));
            assertEquals("OK", t.stringColumn("status").get(0), t.print());
            assertTrue(TableIO.read(dir.resolve("text/gaia_hp06046.parquet")).column("source_id") instanceof LongColumn,
                    "the file's id type does not depend on the service's");
            long[] got = ids(dir.resolve("text"));
            Arrays.sort(got);
            assertArrayEquals(Arrays.stream(ids).mapToLong(Long::parseLong).toArray(), got, "every digit kept");
        }
        ids[2] = "J0001+02";
        try (FaultServer s = new FaultServer(result("char", ids, ra(40), dec(40)))) {
            Table t = run(s.base(), dir.resolve("word"));
            assertEquals("FAILED", t.stringColumn("status").get(0), t.print());
            String msg = t.stringColumn("message").get(0);
            assertTrue(msg.contains("data row 3 (counted from 1) of the id column 'source_id' holds 'J0001+02'"), msg);
        }
    }

    // ---- F3: repeated rows and rows without an id ----

    @Test
    void repeatedRowsAndRowsWithoutAnIdAreLeftOutAndCountedEverywhere(@TempDir Path dir) throws Exception {
        int n = 60;
        String[] ids = new String[n + 7];
        double[] ra = Arrays.copyOf(ra(n), n + 7), dec = Arrays.copyOf(dec(n), n + 7);
        System.arraycopy(bigIds(n), 0, ids, 0, n);
        for (int k = 0; k < 5; k++) { // five rows sent twice
            ids[n + k] = ids[k];
            ra[n + k] = ra[k];
            dec[n + k] = dec[k];
        }
        for (int k = 5; k < 7; k++) { // two rows with a NULL id
            ra[n + k] = ra[10 + k];
            dec[n + k] = dec[10 + k] + 1e-4;
        }
        try (FaultServer s = new FaultServer(result("long", ids, ra, dec))) {
            Path out = dir.resolve("api");
            ResultTable<Downloader.Report> t = run(s.base(), out);
            assertEquals("OK", t.stringColumn("status").get(0), t.print());
            assertEquals(5, t.longColumn(DropReason.DUPLICATE.key()).get(0));
            assertEquals(2, t.longColumn(DropReason.MISSING_ID.key()).get(0));
            assertTrue(t.stringColumn("message").get(0).contains("left out 7 row(s): 5 duplicate, 2 missing id"),
                    t.stringColumn("message").get(0));
            assertEquals(Map.of(DropReason.DUPLICATE, 5L, DropReason.MISSING_ID, 2L), t.report().dropped());
            long[] got = ids(out);
            assertEquals(n, got.length, "each source once");
            assertEquals(n, Arrays.stream(got).distinct().count());

            Path stats = dir.resolve("stats.json");
            Cli c = DownloadHostileInputTest.cli("download", "--catalog", "gaia", "--tap-url", s.base(), "--sync", "--tiles",
                    "6046", "--out", dir.resolve("cli").toString(), "--rate", "500", "--stats-json", stats.toString());
            assertEquals(0, c.code(), c.out() + c.err());
            assertTrue(c.out().contains("rows left out: 5 duplicate, 2 missing id"), c.out());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.toFile());
            assertEquals(5, json.get("n_dropped_duplicate").asLong());
            assertEquals(2, json.get("n_dropped_missing_id").asLong());
            assertEquals(7, json.get("n_dropped").asLong());
        }
    }

    @Test
    void theCountsAndFilesAreTheSameWhetherOrNotTheTileWasSplit(@TempDir Path dir) throws Exception {
        Table data = sky.copy();
        int n = data.rowCount();
        data.append(sky.inRange(0, 4)); // sent twice
        data.append(sky.inRange(100, 103)); // and three rows without an id
        for (int i = n + 4; i < n + 7; i++) {
            data.longColumn("source_id").setMissing(i);
            data.doubleColumn("dec").set(i, data.doubleColumn("dec").get(i) + 1e-4);
        }
        Table whole, split;
        try (ConeServer s = new ConeServer(data)) {
            whole = Downloader.at(s.base()).gaiaDr3().tiles(6046).to(dir.resolve("whole")).maxrec(1_000_000)
                    .client(DownloadHostileInputTest.fast(s.base())).run();
            split = Downloader.at(s.base()).gaiaDr3().tiles(6046).to(dir.resolve("split")).maxrec(n / 3)
                    .client(DownloadHostileInputTest.fast(s.base())).run();
        }
        assertEquals(0, whole.intColumn("splits").get(0));
        assertTrue(split.intColumn("splits").get(0) > 0, split.print());
        for (Table t : new Table[] {whole, split}) {
            assertEquals("OK", t.stringColumn("status").get(0), t.print());
            assertEquals(4, t.longColumn(DropReason.DUPLICATE.key()).get(0), t.print());
            assertEquals(3, t.longColumn(DropReason.MISSING_ID.key()).get(0), t.print());
        }
        for (String f : new String[] {"gaia_hp06046.parquet", "margin/gaia_hp06046.parquet"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(f)), Files.readAllBytes(dir.resolve("split").resolve(f)), f);
        }
        assertEquals(n, ids(dir.resolve("whole")).length);
    }
}
