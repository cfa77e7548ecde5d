package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert} and the CLI's common behaviour under hostile input, through the fat jar as a user runs it. Results
 * are checked with DuckDB (an independent reader) against the input files' own text; refusals must be one line, exit
 * 1, with no stack trace, and leave the input byte for byte.
 */
class HostileConvertCliTest {

    static final String GAIA_ID = "3404089202185340828";

    @TempDir
    Path dir;

    private Path text(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static List<List<String>> duck(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int k = 1; k <= n; k++) {
                    row.add(rs.getString(k));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void convertRefusesToOverwriteItsInputAsItselfASymlinkOrAHardLink() throws Exception {
        Path in = text("wise.csv", "cntr,ra,dec\n1,10.5,20.5\n2,11.5,21.5\n");
        byte[] before = Files.readAllBytes(in);
        Path sym = Files.createSymbolicLink(dir.resolve("link.csv"), in);
        Path hard = Files.createLink(dir.resolve("hard.csv"), in);
        for (Path out : List.of(in, sym, hard)) {
            String err = Jar.run("convert", "--columns", "ra,dec", in.toString(), out.toString()).assertOneLineUserError();
            assertTrue(err.contains("refusing to overwrite an input"), err);
            assertArrayEquals(before, Files.readAllBytes(in), "input unchanged after convert to " + out);
        }
    }

    @Test
    void plainCsvMarkersAndIdsReachParquetAsNumbers() throws Exception {
        Path in = text("astropy.csv", "\uFEFFsource_id,ra,w1mpro\n" + GAIA_ID + ",nan,12.5\n9223372036854775807,inf,NA\n"
                + ",-inf,null\n5,1.25,\n");
        Path out = dir.resolve("out.parquet");
        Jar.Result r = Jar.run("convert", in.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 rows × 3 columns"), r.out());
        String src = "read_parquet('" + out + "')";
        assertEquals(List.of(List.of("source_id", "BIGINT"), List.of("ra", "DOUBLE"), List.of("w1mpro", "DOUBLE")),
                duck("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + src + ")"));
        // the ids as the input text has them; NaN and ±inf as values; NA/null/empty as NULL
        assertEquals(List.of(
                        List.of(GAIA_ID, "NaN", "12.5"),
                        List.of("9223372036854775807", "Infinity", "NULL"),
                        List.of("NULL", "-Infinity", "NULL"),
                        List.of("5", "1.25", "NULL")),
                duck("SELECT coalesce(source_id::VARCHAR, 'NULL'), CASE WHEN ra IS NULL THEN 'NaN' ELSE ra::VARCHAR END, "
                        + "coalesce(w1mpro::VARCHAR, 'NULL') FROM " + src).stream()
                        .map(row -> row.stream().map(v -> v.equals("inf") ? "Infinity" : v.equals("-inf") ? "-Infinity"
                                : v.equals("nan") ? "NaN" : v).toList()).toList());
    }

    @Test
    void raggedRowsStrayWordsAndBadOutputsAreOneLineRefusals() throws Exception {
        Path ragged = text("ragged.csv", "ra,dec\n1,2\n3,4,5\n");
        assertEquals("error: ragged.csv: line 3 has 3 cells; the header has 2. Check that row's commas and quotes.",
                Jar.run("convert", ragged.toString(), dir.resolve("r.parquet").toString()).assertOneLineUserError());
        assertFalse(Files.exists(dir.resolve("r.parquet")));

        Path file = text("plain.txt", "x");
        Path good = text("good.csv", "ra\n1.5\n");
        String under = Jar.run("convert", good.toString(), file.resolve("o.parquet").toString()).assertOneLineUserError();
        assertTrue(under.contains("is a file, not a directory"), under);
        assertEquals("x", Files.readString(file));

        Path html = text("tile.parquet", "<html><body>maintenance</body></html>\n");
        String notParquet = Jar.run("convert", html.toString(), dir.resolve("t.csv").toString()).assertOneLineUserError();
        assertTrue(notParquet.startsWith("error: tile.parquet: not a readable Parquet file"), notParquet);

        Path ecsv = text("bad.ecsv", "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: ra, datatype: float64}\nra\nnan\nabc\n");
        assertEquals("error: bad.ecsv: line 7, column 'ra': 'abc' is not a valid float64 (the type the ECSV header declares).",
                Jar.run("convert", ecsv.toString(), dir.resolve("e.parquet").toString()).assertOneLineUserError());

        String dup = Jar.run("convert", "--columns", "ra,ra", good.toString(), dir.resolve("d.csv").toString()).assertOneLineUserError();
        assertTrue(dup.contains("column 'ra' is asked for twice"), dup);
    }

    @Test
    void headerOnlyCsvAndZeroRowParquetConvertToEveryFormat() throws Exception {
        Path header = text("header.csv", "source_id,ra,dec\n");
        Path zero = dir.resolve("zero.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1::BIGINT AS source_id, 1.0::DOUBLE AS ra, 1.0::DOUBLE AS dec WHERE false) TO '"
                    + zero + "' (FORMAT PARQUET)");
        }
        for (Path in : List.of(header, zero)) {
            for (String ext : List.of("parquet", "csv", "ecsv", "arrow", "vot")) {
                Path out = dir.resolve("from-" + in.getFileName() + "." + ext);
                Jar.Result r = Jar.run("convert", in.toString(), out.toString());
                assertEquals(0, r.code(), in + " → " + ext + ": " + r.err());
                assertTrue(r.out().contains(": 0 rows × 3 columns"), r.out());
            }
            Path pq = dir.resolve("from-" + in.getFileName() + ".parquet");
            assertEquals(List.of(List.of("0")), duck("SELECT count(*) FROM read_parquet('" + pq + "')"));
            assertEquals(List.of(List.of("source_id"), List.of("ra"), List.of("dec")),
                    duck("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('" + pq + "'))"));
        }
        assertEquals("source_id,ra,dec", Files.readString(dir.resolve("from-zero.parquet.csv")).strip());
    }

    @Test
    void duckDbDecimalsConvertToTheValuesDuckDbReads() throws Exception {
        Path in = dir.resolve("decimal.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES (12.345678::DECIMAL(18,6), 1.25::DECIMAL(9,2), "
                    + GAIA_ID + "::DECIMAL(19,0), 340408920218534082::DECIMAL(18,0)), (NULL, -0.5, NULL, 7)) "
                    + "v(w1mpro, ra, source_id, cntr)) TO '" + in + "' (FORMAT PARQUET)");
        }
        Path out = dir.resolve("decimal.csv");
        Jar.Result r = Jar.run("convert", in.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("w1mpro,ra,source_id,cntr", "12.345678,1.25," + GAIA_ID + ",340408920218534082", ",-0.5,,7"),
                Files.readAllLines(out));
        List<List<String>> theirs = duck("SELECT w1mpro::DOUBLE::VARCHAR, ra::DOUBLE::VARCHAR, source_id::VARCHAR, "
                + "cntr::VARCHAR FROM read_parquet('" + in + "') LIMIT 1");
        assertEquals(List.of("12.345678", "1.25", GAIA_ID, "340408920218534082"), theirs.get(0));
    }

    @Test
    void gaiaIdsSurviveAChainThroughEveryFormat() throws Exception {
        List<String> ids = List.of(GAIA_ID, "9223372036854775807", "", "-9223372036854775807", "1");
        StringBuilder csv = new StringBuilder("source_id,ra\n");
        for (int i = 0; i < ids.size(); i++) {
            csv.append(ids.get(i)).append(',').append(i + 0.5).append('\n');
        }
        Path prev = text("ids.csv", csv.toString());
        for (String ext : List.of("parquet", "ecsv", "arrow", "vot", "csv")) {
            Path next = dir.resolve("ids-" + ext + "." + ext);
            Jar.Result r = Jar.run("convert", prev.toString(), next.toString());
            assertEquals(0, r.code(), ext + ": " + r.err());
            if (ext.equals("parquet")) {
                assertEquals(ids.stream().map(s -> s.isEmpty() ? "NULL" : s).toList(), duck(
                        "SELECT coalesce(source_id::VARCHAR, 'NULL') FROM read_parquet('" + next + "')").stream()
                        .map(row -> row.get(0)).toList());
            }
            prev = next;
        }
        List<String> back = Files.readAllLines(prev).subList(1, ids.size() + 1).stream().map(l -> l.split(",", -1)[0]).toList();
        assertEquals(ids, back);
    }

    @Test
    void deadWritersTemporariesAreRemovedByTheNextConvertAndListedByStatus() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.createDirectories(dir.resolve("data-elsewhere"));
        Path stale = Files.writeString(out.resolve(".x.parquet.tmp-" + p.pid() + "-1"), "half a file");
        Path live = Files.writeString(out.resolve(".y.parquet.tmp-" + ProcessHandle.current().pid() + "-1"), "busy");
        Jar.Result st = Jar.run("status", out.toString());
        assertEquals(0, st.code(), st.err());
        // the dead writer's file is safe to delete, the live one's is not
        assertTrue(st.out().contains("1 unfinished temporary file(s) of an interrupted write, e.g. " + stale
                + " (safe to delete"), st.out());
        assertTrue(st.out().contains("1 temporary file(s) being written now, by a running process or on another host, "
                + "e.g. " + live), st.out());
        // found in a results directory given apart from the data directory too
        Jar.Result apart = Jar.run("status", dir.resolve("data-elsewhere").toString(), "--out", out.toString());
        assertTrue(apart.out().contains("1 unfinished temporary file(s)"), apart.out() + apart.err());
        Jar.Result r = Jar.run("convert", text("in.csv", "ra\n1.5\n").toString(), out.resolve("x.parquet").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(stale), "the dead writer's temporary is gone");
        assertTrue(Files.exists(live), "the live writer's temporary is kept");
        Jar.Result after = Jar.run("status", out.toString());
        assertFalse(after.out().contains("unfinished temporary"), after.out());
        assertTrue(after.out().contains("1 temporary file(s) being written now"), after.out());
    }

    /** The default --dir is relative; the CLI peer runs with it as its current directory, so it must be made absolute. */
    @Test
    void benchmarkCrossmatchWithItsDefaultDirRunsFromAnyDirectory() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("repo-root"));
        Path log = dir.resolve("bench.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Jar.JAR.toString(), "benchmark", "crossmatch", "--scale", "0.001", "--repeat", "0", "--peers=")
                .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        Path orphans = cwd.resolve("bench-crossmatch/orphans_tasni.parquet");
        assertTrue(Files.isRegularFile(orphans), output);
        assertFalse(Files.exists(cwd.resolve("bench-crossmatch/bench-crossmatch")));
        // the CLI process found as many orphans as the in-process run printed
        long n = Long.parseLong(duck("SELECT count(*) FROM read_parquet('" + orphans + "')").get(0).get(0));
        assertTrue(output.matches("(?s).*tasni CLI .*\\|\\s+" + n + "\\s+\\|\\s+ok: same " + n + " orphans.*"), output);
        assertTrue(output.matches("(?s).*match, first \\(cold JIT\\)\\s+\\|.*\\|\\s+" + n + "\\s+\\|\\s+reference.*"), output);
    }

    @Test
    void leadingZeroIdsStayDistinctThroughConvert() throws Exception {
        Path in = dir.resolve("lz.csv"), out = dir.resolve("lz.ecsv");
        Files.writeString(in, "designation,ra,dec\n007,10,20\n7,10.1,20\n");
        var r = Jar.run("convert", in.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("007", "7"), org.tasni.io.TableIO.read(out).stringColumn("designation").asList());
    }

    @Test
    void aHeaderOnlyCsvCrossmatchesToAnEmptyResult() throws Exception {
        Path h = dir.resolve("h.csv"), out = dir.resolve("m.csv");
        Files.writeString(h, "designation,ra,dec\n");
        var r = Jar.run("crossmatch", "--left", h.toString(), "--right", "data-samples/tiles/gaia_hp06046.parquet",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(0, org.tasni.io.TableIO.read(out).rowCount());
    }

    @Test
    void cliMistakesAreOneLineAndAnUnknownOptionComesFirst() throws Exception {
        var r = Jar.run("crossmatch", "--bogus");
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: Unknown option: '--bogus'"), r.err());
        r = Jar.run("crossmatch", "--left", "a.csv", "--right", "b.csv", "--out", "c.csv", "--radius", "abc");
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("'abc'") && r.err().contains("--help' for the options)"), r.err());
    }

    @Test
    void aPartitionedDirectoryIsNamedAsADirectory() throws Exception {
        Path d = Files.createDirectories(dir.resolve("dir.parquet"));
        var r = Jar.run("convert", d.toString(), dir.resolve("o.csv").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("dir.parquet: is a directory (a partitioned dataset?); give a file."), r.err());
    }
}
