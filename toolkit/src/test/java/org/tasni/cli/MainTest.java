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
        assertTrue(((String) unknown[2]).contains("Run 'java -jar tasni-toolkit.jar convert --help'"), (String) unknown[2]);
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
        assertArrayEquals(new long[] {1, 5, 6, 7, 8}, TileList.parse("1,5-8", 12288));
        assertArrayEquals(new long[] {0, 12287}, TileList.parse("12287, 0", 12288));
        assertThrows(TasniException.class, () -> TileList.parse("12288", 12288));
        assertThrows(TasniException.class, () -> TileList.parse("a-b", 12288));
    }
}
