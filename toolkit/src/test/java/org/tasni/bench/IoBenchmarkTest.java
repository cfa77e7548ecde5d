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
        assertTrue(rows.get(6).what().startsWith("Parquet read streamed by the variability command"), rows.get(6).what());
        assertTrue(rows.get(6).agreement().startsWith("not run: no toolkit/bin/tasni beside the jar"), rows.get(6).agreement());
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
        // 3,100 rows of 300 epochs: 11 sources, whose designations both count
        assertTrue(rows.get(2).agreement().endsWith("same distinct designation (11)"), rows.get(2).agreement());
    }

    @Test
    void aDifferenceIsAMismatchNamingTheColumn() throws Exception {
        ObjectMapper m = new ObjectMapper();
        var ours = m.readTree("{\"rows\":10,\"sums\":{\"mjd\":5.5,\"w1\":3.0},\"counts\":{\"mjd\":10,\"w1\":9},"
                + "\"distinct\":{\"designation\":2}}");
        assertTrue(IoBenchmark.agreement(ours, ours).startsWith("ok: same 10 rows"));
        var sum = m.readTree("{\"rows\":10,\"sums\":{\"mjd\":5.5,\"w1\":3.1},\"counts\":{\"mjd\":10,\"w1\":9},"
                + "\"distinct\":{\"designation\":2}}");
        assertTrue(IoBenchmark.agreement(ours, sum).startsWith("mismatch: column w1"), IoBenchmark.agreement(ours, sum));
        var count = m.readTree("{\"rows\":10,\"sums\":{\"mjd\":5.5,\"w1\":3.0},\"counts\":{\"mjd\":10,\"w1\":10},"
                + "\"distinct\":{\"designation\":2}}");
        assertTrue(IoBenchmark.agreement(ours, count).startsWith("mismatch: column w1"));
        var distinct = m.readTree("{\"rows\":10,\"sums\":{\"mjd\":5.5,\"w1\":3.0},\"counts\":{\"mjd\":10,\"w1\":9},"
                + "\"distinct\":{\"designation\":3}}");
        assertTrue(IoBenchmark.agreement(ours, distinct).startsWith("mismatch: column designation"));
        var rows = m.readTree("{\"rows\":11,\"sums\":{},\"counts\":{},\"distinct\":{}}");
        assertTrue(IoBenchmark.agreement(ours, rows).startsWith("mismatch: 11 rows"));
    }
}
