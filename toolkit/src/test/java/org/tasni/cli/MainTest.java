package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;

class MainTest {

    @TempDir
    Path dir;

    /** Runs the CLI in-process and returns {exit code, stdout, stderr}. */
    static Object[] cli(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            int code = Main.run(args);
            return new Object[] {code, o.toString(), e.toString()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void userErrorsExitOneWithOneLine() {
        Object[] r = cli("convert", dir.resolve("missing.parquet").toString(), dir.resolve("x.csv").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).startsWith("error: ") && ((String) r[2]).contains("missing.parquet: no such file."), (String) r[2]);
        assertFalse(((String) r[2]).contains("\tat "), "no stack trace");
        Object[] bad = cli("simulate", "--out", dir.toString(), "--tiles", "12-3");
        assertEquals(1, bad[0]);
        assertTrue(((String) bad[2]).contains("'12-3' is not a range"), (String) bad[2]);
        Object[] unknown = cli("convert", "a.csv", "b.csv", "--frobnicate");
        assertEquals(1, unknown[0]);
        assertTrue(((String) unknown[2]).contains("Unknown option: '--frobnicate'"), (String) unknown[2]);
        assertTrue(((String) unknown[2]).contains("run 'java -jar tasni-toolkit.jar convert --help'"), (String) unknown[2]);
        assertEquals(1, ((String) unknown[2]).strip().lines().count(), "one line: " + unknown[2]);
        // an unknown option is reported before the required options it hides
        Object[] bogus = cli("crossmatch", "--bogus");
        assertEquals(1, bogus[0]);
        assertTrue(((String) bogus[2]).contains("Unknown option: '--bogus'"), (String) bogus[2]);
        assertFalse(((String) bogus[2]).contains("Missing required"), (String) bogus[2]);
        assertEquals(1, ((String) bogus[2]).strip().lines().count(), "one line: " + bogus[2]);
        Object[] radius = cli("crossmatch", "--radius", "abc");
        assertEquals(1, radius[0]);
        assertTrue(((String) radius[2]).contains("abc"), (String) radius[2]);
        assertEquals(1, ((String) radius[2]).strip().lines().count(), "one line: " + radius[2]);
        assertEquals(1, cli("status", dir.resolve("nope").toString())[0]);
    }

    @Test
    void versionAndHelp() {
        Object[] v = cli("--version");
        assertEquals(0, v[0]);
        assertTrue(((String) v[1]).startsWith("tasni-toolkit "), (String) v[1]);
        Object[] h = cli("--help");
        assertEquals(0, h[0]);
        for (String c : new String[] {"convert", "simulate", "status"}) {
            assertTrue(((String) h[1]).contains(c), c);
        }
    }

    @Test
    void simulateThenConvertThenStatus() throws Exception {
        Object[] s = cli("simulate", "--out", dir.toString(), "--tiles", "100,101", "--density-scale", "0.02",
                "--light-curves", "5");
        assertEquals(0, s[0], (String) s[2]);
        for (String f : new String[] {"tiles/wise_hp00100.parquet", "tiles/gaia_hp00101.parquet", "targets.parquet",
            "neowise_epochs.parquet", "neowise_truth.parquet"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        Path epochs = dir.resolve("neowise_epochs.parquet");
        assertEquals(0, cli("convert", epochs.toString(), dir.resolve("e.arrow").toString())[0]);
        assertEquals(0, cli("convert", dir.resolve("e.arrow").toString(), dir.resolve("e.ecsv").toString())[0]);
        assertEquals(0, cli("convert", dir.resolve("e.ecsv").toString(), dir.resolve("e2.parquet").toString())[0]);
        TableAssert.assertSameTable(TableIO.read(epochs), TableIO.read(dir.resolve("e2.parquet")).setName("neowise_epochs.parquet"));
        Object[] cols = cli("convert", "--columns", "designation,mjd", epochs.toString(), dir.resolve("dm.csv").toString());
        assertEquals(0, cols[0]);
        assertEquals(java.util.List.of("designation", "mjd"), TableIO.read(dir.resolve("dm.csv")).columnNames());
        Object[] st = cli("status", dir.toString());
        assertEquals(0, st[0]);
        assertTrue(((String) st[1]).matches("(?s).*WISE tiles: +2 / 12288 \\(00100–00101\\), [0-9,]+ rows.*"), (String) st[1]);
        assertTrue(((String) st[1]).matches("(?s).*neowise_epochs.parquet +YES.*"), (String) st[1]);
        assertTrue(((String) st[1]).contains("GPU driver"));
    }

    @Test
    void tileListsParse() {
        assertArrayEquals(new long[] {1, 5, 6, 7, 8}, TileList.parse("1,5-8"));
        assertArrayEquals(new long[] {0, 12287}, TileList.parse("12287, 0"));
        assertThrows(TasniException.class, () -> TileList.parse("12288"));
        assertThrows(TasniException.class, () -> TileList.parse("a-b"));
    }

    /** Reports {@code ex} as the CLI does and returns {exit code, what was printed}. */
    private static Object[] report(Throwable ex) {
        java.io.StringWriter sw = new java.io.StringWriter();
        int code = Main.report(ex, new java.io.PrintWriter(sw, true));
        return new Object[] {code, sw.toString()};
    }

    @Test
    void outOfMemoryInsideAWrapperIsOneLineWithXmxAdviceExitTwo() {
        Object[] r = report(new RuntimeException("pool task failed", new OutOfMemoryError("Java heap space")));
        assertEquals(2, r[0]);
        String err = (String) r[1];
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: out of memory (the JVM may use at most "), err);
        assertTrue(err.contains("java -Xmx8g -jar tasni-toolkit.jar"), err);
        assertFalse(err.contains("\tat "), err);
        Object[] bare = report(new OutOfMemoryError("Java heap space"));
        assertEquals(2, bare[0]);
        assertTrue(((String) bare[1]).contains("-Xmx"), (String) bare[1]);
    }

    @Test
    void aUserErrorInsideACompletionExceptionIsExitOneWithItsMessage() {
        Object[] r = report(new java.util.concurrent.CompletionException(
                new RuntimeException(new TasniException("t.csv: line 3 has 2 cells; the header has 3."))));
        assertEquals(1, r[0]);
        assertEquals("error: t.csv: line 3 has 2 cells; the header has 3." + System.lineSeparator(), r[1]);
        // a message carrying a library's line breaks still prints as one line
        Object[] multi = report(new TasniException("x.parquet: not a readable Parquet file (bad magic\n  at offset 0)."));
        assertEquals(1, multi[0]);
        assertEquals("error: x.parquet: not a readable Parquet file (bad magic at offset 0)." + System.lineSeparator(), multi[1]);
        // anything else is internal: exit 2, one line, the trace in a log it names
        Object[] internal = report(new IllegalStateException("bug"));
        assertEquals(2, internal[0]);
        assertEquals(1, ((String) internal[1]).lines().count());
        assertTrue(((String) internal[1]).startsWith("internal error: java.lang.IllegalStateException: bug (stack trace in "));
    }

    @Test
    void simulateRefusesAnOutputThatIsItsTargetsOrAFile() throws Exception {
        Path targets = dir.resolve("neowise_epochs.parquet");
        TableIO.write(tech.tablesaw.api.Table.create("t", tech.tablesaw.api.StringColumn.create("designation", "J1"),
                tech.tablesaw.api.DoubleColumn.create("ra", 10.0), tech.tablesaw.api.DoubleColumn.create("dec", 20.0)), targets);
        byte[] before = Files.readAllBytes(targets);
        Object[] r = cli("simulate", "--out", dir.toString(), "--targets", targets.toString());
        assertEquals(1, r[0], (String) r[2]);
        assertTrue(((String) r[2]).contains("refusing to overwrite an input"), (String) r[2]);
        assertArrayEquals(before, Files.readAllBytes(targets));
        Object[] f = cli("simulate", "--out", targets.resolve("sub").toString(), "--tiles", "100");
        assertEquals(1, f[0]);
        assertTrue(((String) f[2]).contains("is a file"), (String) f[2]);
        // a directory holding downloaded tiles is not overwritten with simulated ones
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("tiles"));
        Files.writeString(data.resolve("tiles/download-journal.tsv"), "journal");
        Files.writeString(data.resolve("tiles/wise_hp00100.parquet"), "downloaded");
        Object[] d = cli("simulate", "--out", data.toString(), "--tiles", "100", "--density-scale", "0.01");
        assertEquals(1, d[0]);
        assertTrue(((String) d[2]).contains("holds downloaded tiles"), (String) d[2]);
        assertEquals("downloaded", Files.readString(data.resolve("tiles/wise_hp00100.parquet")));
    }

    @Test
    void benchmarkWorkDirIsAbsoluteSoTheDefaultWorksFromAnyDirectory() throws Exception {
        Path rel = Path.of("bench-crossmatch");
        Path abs = org.tasni.bench.CrossmatchBenchmark.workDir(rel);
        assertTrue(abs.isAbsolute());
        assertEquals(Path.of("").toAbsolutePath().resolve("bench-crossmatch"), abs);
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertThrows(TasniException.class, () -> org.tasni.bench.CrossmatchBenchmark.workDir(file.resolve("b")));
        // a bad --out or --dir is refused before the benchmark simulates or times anything
        for (String bench : new String[] {"crossmatch", "variability", "download"}) {
            Object[] r = cli("benchmark", bench, "--dir", dir.resolve("w").toString(), "--out", file.resolve("t.csv").toString());
            assertEquals(1, r[0], bench + ": " + r[2]);
            assertTrue(((String) r[2]).contains("is a file, not a directory"), (String) r[2]);
            assertTrue(((String) r[1]).isEmpty(), "nothing run: " + r[1]);
            Object[] d = cli("benchmark", bench, "--dir", file.toString());
            assertEquals(1, d[0], bench + ": " + d[2]);
        }
        assertFalse(Files.exists(dir.resolve("w")));
    }
}
