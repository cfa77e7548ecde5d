package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar's CLI end to end: the README's commands, conversions checked by DuckDB, and bad input. */
class CliEndToEndTest {

    static final Path REAL_EPOCHS = Jar.ROOT.resolveSibling("shared/data/neowise_epochs.parquet");

    @TempDir
    Path dir;

    @Test
    void versionAndHelp() throws Exception {
        var v = Jar.run("--version");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().startsWith("tasni-toolkit 0."), v.out());
        var h = Jar.run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("Usage: java -jar tasni-toolkit.jar"), h.out());
    }

    @Test
    void dataSamplesAreExactlyWhatTheirReadmeCommandMakes() throws Exception {
        // the command written in data-samples/README.md, into a temporary directory
        String readme = Files.readString(Jar.ROOT.resolve("data-samples/README.md"));
        String line = readme.lines().filter(l -> l.startsWith("java -jar toolkit/target/tasni-toolkit.jar simulate"))
                .findFirst().orElseThrow();
        String[] args = line.replace("java -jar toolkit/target/tasni-toolkit.jar ", "")
                .replace("--out data-samples", "--out " + dir).split(" ");
        var r = Jar.run(args);
        assertEquals(0, r.code(), r.err());
        List<Path> committed;
        try (Stream<Path> s = Files.walk(Jar.ROOT.resolve("data-samples"))) {
            committed = s.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        assertEquals(11, committed.size());
        for (Path p : committed) {
            Path fresh = dir.resolve(Jar.ROOT.resolve("data-samples").relativize(p));
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(fresh), "regenerated " + fresh.getFileName());
        }
    }

    @Test
    void statusDescribesTheSamples() throws Exception {
        var r = Jar.run("status", "data-samples");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*WISE tiles: +4 / 12288 \\(06044–06047\\), 24,424 rows.*"), r.out());
        assertTrue(r.out().matches("(?s).*Gaia tiles: +4 / 12288 \\(06044–06047\\), 59,069 rows.*"), r.out());
        assertTrue(r.out().matches("(?s).*neowise_epochs.parquet +YES +101,324 rows.*"), r.out());
        assertTrue(r.out().contains("GPU driver") && r.out().contains("Jupyter") && r.out().contains("Spark"));
    }

    private static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** DuckDB, an independent reader, finds the two Parquet files identical: same types, rows, order, NULLs. */
    private static void assertDuckDbSame(Path a, Path b, long rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String ra = "read_parquet('" + a + "')", rb = "read_parquet('" + b + "')";
            StringBuilder ta = new StringBuilder(), tb = new StringBuilder();
            for (var e : List.of(List.of(ra, ta), List.of(rb, tb))) {
                try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + e.get(0))) {
                    while (rs.next()) {
                        ((StringBuilder) e.get(1)).append(rs.getString(1)).append(':').append(rs.getString(2)).append(' ');
                    }
                }
            }
            assertEquals(ta.toString(), tb.toString(), "column types");
            assertEquals(rows, scalar(st, "SELECT count(*) FROM " + rb));
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT * FROM " + ra + " EXCEPT ALL SELECT * FROM " + rb + ")"));
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT * FROM " + rb + " EXCEPT ALL SELECT * FROM " + ra + ")"));
        }
    }

    @Test
    void realEpochsRoundTripThroughEveryFormat() throws Exception {
        Assumptions.assumeTrue(Files.exists(REAL_EPOCHS), "skipped: " + REAL_EPOCHS + " is not present");
        Path prev = REAL_EPOCHS;
        for (String ext : List.of("arrow", "ecsv", "vot", "parquet")) {
            Path next = dir.resolve("epochs." + ext);
            var r = Jar.run("convert", prev.toString(), next.toString());
            assertEquals(0, r.code(), r.err());
            prev = next;
        }
        assertDuckDbSame(REAL_EPOCHS, prev, 38700);
    }

    @Test
    void sampleTablesRoundTripThroughEveryFormat() throws Exception {
        for (String f : List.of("tiles/gaia_hp06046.parquet", "tiles/wise_hp06045.parquet", "neowise_epochs.parquet")) {
            Path src = Jar.ROOT.resolve("data-samples").resolve(f);
            Path prev = src;
            for (String ext : List.of("arrow", "vot", "ecsv", "parquet")) {
                Path next = dir.resolve(src.getFileName() + "." + ext);
                var r = Jar.run("convert", prev.toString(), next.toString());
                assertEquals(0, r.code(), r.err());
                prev = next;
            }
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                assertDuckDbSame(src, prev, scalar(st, "SELECT count(*) FROM read_parquet('" + src + "')"));
            }
        }
    }

    @Test
    void pandasAndPyarrowReadWhatWeWrite() throws Exception {
        Path script = dir.resolve("check.py");
        Files.writeString(script, "import sys, pandas as pd, pyarrow.parquet as pq\n"
                + "a, b = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])\n"
                + "assert a.schema.remove_metadata().equals(b.schema.remove_metadata()), (a.schema, b.schema)\n"
                + "assert a.equals(b)\n"
                + "assert pd.read_parquet(sys.argv[1]).equals(pd.read_parquet(sys.argv[2]))\n"
                + "print('identical')\n");
        Process probe = new ProcessBuilder("python3", "-c", "import pyarrow, pandas").start();
        Assumptions.assumeTrue(probe.waitFor() == 0,
                "skipped: pyarrow and pandas are not importable here (no Debian package; PyPI is not reachable)");
        Path src = Files.exists(REAL_EPOCHS) ? REAL_EPOCHS : Jar.ROOT.resolve("data-samples/neowise_epochs.parquet");
        Path ours = dir.resolve("ours.parquet");
        assertEquals(0, Jar.run("convert", src.toString(), ours.toString()).code());
        Process p = new ProcessBuilder("python3", script.toString(), src.toString(), ours.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path junk = dir.resolve("broken.parquet");
        Files.write(junk, new byte[] {'P', 'A', 'R', '1', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        var r = Jar.run("convert", junk.toString(), dir.resolve("x.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: broken.parquet: not a readable Parquet file"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        var missing = Jar.run("convert", "--columns", "ra,decl", "data-samples/targets.parquet", dir.resolve("y.csv").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: targets.parquet: no column 'decl' (columns: designation, ra, dec"), missing.err());
        assertFalse(Files.exists(dir.resolve("y.csv")), "nothing written on failure");
        var fmt = Jar.run("convert", "data-samples/targets.parquet", dir.resolve("t.fits").toString());
        assertEquals(1, fmt.code());
        assertTrue(fmt.err().contains("unknown table format '.fits'"), fmt.err());
    }
}
