package org.tasni.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * {@code benchmark io} from the fat jar at a tiny size: the toolkit's probe runs from the jar, DuckDB's peer source is
 * taken out of the jar and run with the driver's jar, and every read of both agrees; the cold-start rows follow. No
 * timing is asserted.
 */
class BenchmarkIoCliTest {

    @TempDir
    Path dir;

    @Test
    void everyReadAgreesWithDuckDb() throws Exception {
        Path duck = Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = dir.resolve("io.csv");
        var r = Jar.run("benchmark", "io", "--rows", "2500", "--repeat", "1", "--peers", "duckdb", "--duckdb-jar",
                duck.toString(), "--dir", dir.resolve("work").toString(), "--data", Jar.ROOT.resolve("data-samples").toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.isRegularFile(dir.resolve("work").resolve("DuckDbPeer.java")), "the peer is written beside the data");
        assertTrue(Files.isRegularFile(dir.resolve("work").resolve("duckdb-peer-classes").resolve("DuckDbPeer.class")),
                "and compiled once, not run from its source");
        Table t = Table.read().usingOptions(CsvReadOptions.builder(out.toFile()).maxCharsPerColumn(100_000));
        List<String> reads = List.of("numeric columns", "string column", "whole file");
        boolean archive;
        try (var files = Files.list(Jar.JAR.toAbsolutePath().getParent())) {
            archive = files.anyMatch(f -> f.toString().endsWith(".jsa"));
        }
        for (String read : reads) {
            Table rows = t.where(t.stringColumn("what").containsString(read));
            assertEquals(2, rows.rowCount(), read + ":\n" + t.printAll());
            assertTrue(rows.stringColumn("tool").get(0).startsWith("tasni"), rows.printAll());
            // the probe starts as a user's command does, with the archive the launcher makes on its first start
            // where this JVM can make one beside the jar (else the row says it ran without)
            assertTrue(rows.stringColumn("tool").get(0).contains(archive ? "its class-data archive" : "no class-data archive"),
                    rows.printAll());
            assertTrue(rows.stringColumn("tool").get(1).startsWith("DuckDB v"), rows.printAll());
            for (String agreement : rows.stringColumn("agreement")) {
                assertTrue(agreement.startsWith("ok: same 2500 rows"), read + ": " + agreement);
            }
        }
        // the variability command's stream of the same file counts the rows and sources the reads count; its figure is
        // the time the stream adds beyond the statistics, and it is compared with no other tool's read
        Table streamed = t.where(t.stringColumn("what").startsWith("Parquet stream of the variability command"));
        assertEquals(1, streamed.rowCount(), t.printAll());
        assertTrue(streamed.stringColumn("agreement").get(0).startsWith("ok: 2500 rows, "), streamed.printAll());
        assertTrue(streamed.doubleColumn("cold_s").get(0) > 0 && streamed.doubleColumn("warm_s").get(0) > 0, streamed.printAll());
        // the cold CLI start of the same command: the toolkit's convert ran through the launcher (README's way) and
        // from the jar, and each agrees with the Parquet file
        Table cold = t.where(t.stringColumn("tool").startsWith("tasni convert"));
        assertEquals(List.of("tasni convert (toolkit/bin/tasni)", "tasni convert (java -jar)"),
                cold.stringColumn("tool").asList(), t.printAll());
        for (String agreement : cold.stringColumn("agreement")) {
            assertTrue(agreement.startsWith("ok: the CSV holds the Parquet file's 400 rows"), cold.printAll());
        }
    }
}
