package org.tasni.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmark io} at a tiny size: the toolkit's and DuckDB's reads (each in a fresh JVM) of the generated file
 * agree on every read, and the agreement check says "mismatch" when they do not. No timing is asserted.
 */
class IoBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void toolkitAndDuckDbAgreeOnEveryRead() throws Exception {
        // the DuckDB driver on the test class path is the jar the peer runs from
        Path duck = Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var o = new IoBenchmark.Options(3_100, Optional.empty(), 1, List.of("duckdb"), Optional.of(duck), Optional.empty(),
                Path.of("data-samples"));
        List<BenchRow> rows = new IoBenchmark(o).readRows(dir);
        assertEquals(7, rows.size(), rows.toString());
        // the variability command's streamed read needs the launcher beside a jar, which a test's class path has not
        assertTrue(rows.get(6).what().startsWith("Parquet stream of the variability command"), rows.get(6).what());
        assertTrue(rows.get(6).what().contains("time the stream adds beyond the statistics (decode overlapped with "
                + "compute is not in it)"), rows.get(6).what());
        assertTrue(rows.get(6).agreement().startsWith("n/a: not run: no toolkit/bin/tasni beside the jar"), rows.get(6).agreement());
        assertNull(rows.get(6).ratio(), "a residual beside the statistics is compared with no read");
        for (IoBenchmark.Read read : IoBenchmark.Read.values()) {
            List<BenchRow> r = rows.stream().filter(b -> b.what().contains(read.label)).toList();
            assertEquals(2, r.size(), read + ": " + rows);
            assertTrue(r.get(0).tool().startsWith("tasni"), r.get(0).tool());
            assertTrue(r.get(1).tool().startsWith("DuckDB v"), r.get(1).tool());
            for (BenchRow b : r) {
                assertTrue(b.agreement().startsWith("ok: same 3100 rows"), b.agreement());
                assertNotNull(b.coldS());
                assertNotNull(b.warmS());
            }
        }
        // 3,100 rows of 300 epochs: 11 sources, whose designations both count, row by row and as distinct values
        assertTrue(rows.get(2).agreement().endsWith("same 3100 non-empty and same distinct designation (11)"),
                rows.get(2).agreement());
        // each probe after a pause, the tools' order alternating from one read to the next
        assertTrue(rows.get(0).notes().contains("ran before DuckDB's probe"), rows.get(0).notes());
        assertTrue(rows.get(2).notes().contains("ran after DuckDB's probe"), rows.get(2).notes());
        assertTrue(rows.get(1).tool().matches("DuckDB v.* \\(JDBC, \\d+ threads\\)"), rows.get(1).tool());
        // DuckDB's peer is compiled once, not run from its source
        assertTrue(java.nio.file.Files.isDirectory(dir.resolve("duckdb-peer-classes")));
    }

    @Test
    void aPeerThatFailsIsSaidSoNotOk() throws Exception {
        Path notAJar = java.nio.file.Files.writeString(dir.resolve("not.jar"), "not a jar");
        var o = new IoBenchmark.Options(3_100, Optional.empty(), 1, List.of("duckdb"), Optional.of(notAJar), Optional.empty(),
                Path.of("data-samples"));
        List<BenchRow> rows = new IoBenchmark(o).readRows(dir);
        BenchRow ours = rows.get(0), theirs = rows.get(1);
        assertTrue(ours.agreement().startsWith("peer failed: DuckDB: exit 1: "), ours.agreement());
        assertTrue(theirs.agreement().startsWith("peer failed: exit 1: "), theirs.agreement());
        assertTrue(BenchRow.isFailure(ours.agreement()) && BenchRow.isFailure(theirs.agreement()));
        assertNull(theirs.coldS());
    }

    @Test
    void withNoPeerNothingIsCompared() throws Exception {
        var o = new IoBenchmark.Options(3_100, Optional.empty(), 1, List.of(), Optional.empty(), Optional.empty(),
                Path.of("data-samples"));
        List<BenchRow> rows = new IoBenchmark(o).readRows(dir);
        for (BenchRow r : rows.subList(0, 3)) {
            assertEquals(BenchRow.NO_PEER, r.agreement());
            assertFalse(BenchRow.isFailure(r.agreement()));
        }
    }

    @Test
    void aDifferenceIsAMismatchNamingTheColumn() throws Exception {
        ObjectMapper m = new ObjectMapper();
        String strings = ",\"nonempty\":{\"designation\":10},\"distinct\":{\"designation\":{\"count\":2,\"checksum\":\"%s\"}}}";
        String sums = "{\"rows\":10,\"sums\":{\"mjd\":5.5,\"w1\":%s},\"counts\":{\"mjd\":10,\"w1\":%d}";
        String checksum = IoProbe.checksum(List.of("J1", "J2"));
        var ours = m.readTree(String.format(sums, "3.0", 9) + String.format(strings, checksum));
        assertTrue(IoBenchmark.agreement(ours, ours).startsWith("ok: same 10 rows"));
        var sum = m.readTree(String.format(sums, "3.1", 9) + String.format(strings, checksum));
        assertTrue(IoBenchmark.agreement(ours, sum).startsWith("mismatch: column w1"), IoBenchmark.agreement(ours, sum));
        var count = m.readTree(String.format(sums, "3.0", 10) + String.format(strings, checksum));
        assertTrue(IoBenchmark.agreement(ours, count).startsWith("mismatch: column w1"));
        // the same number of distinct values, but other values: the checksum differs
        var other = m.readTree(String.format(sums, "3.0", 9) + String.format(strings, IoProbe.checksum(List.of("J1", "J3"))));
        assertTrue(IoBenchmark.agreement(ours, other).startsWith("mismatch: column designation: 2 distinct values"),
                IoBenchmark.agreement(ours, other));
        var nonEmpty = m.readTree((String.format(sums, "3.0", 9) + String.format(strings, checksum)).replace(
                "\"nonempty\":{\"designation\":10}", "\"nonempty\":{\"designation\":9}"));
        assertTrue(IoBenchmark.agreement(ours, nonEmpty).startsWith("mismatch: column designation: 9 non-empty"),
                IoBenchmark.agreement(ours, nonEmpty));
        var rows = m.readTree("{\"rows\":11,\"sums\":{},\"counts\":{},\"nonempty\":{},\"distinct\":{}}");
        assertTrue(IoBenchmark.agreement(ours, rows).startsWith("mismatch: 11 rows"));
    }

    @Test
    void theChecksumIgnoresOrderButNotValues() {
        assertEquals(IoProbe.checksum(List.of("a", "b", "c")), IoProbe.checksum(List.of("c", "a", "b")));
        assertNotEquals(IoProbe.checksum(List.of("a", "b")), IoProbe.checksum(List.of("a", "c")));
        assertNotEquals(IoProbe.checksum(List.of("a")), IoProbe.checksum(List.of("a", "")));
    }
}
