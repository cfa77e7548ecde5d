package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.ParquetIO;

/** {@code run}'s options, in process (found by an adversarial tester of the pipeline). */
class RunCommandTest {

    @TempDir
    Path dir;

    static void oneLineError(Object[] r, String expected) {
        String err = (String) r[2];
        assertEquals(1, r[0], r[1] + err);
        assertEquals("error: " + expected, err.strip());
    }

    /** --tiles and --tap-url belong to the downloading sources: with the samples they had been ignored silently. */
    @Test
    void tilesAndTapUrlWithTheSamplesAreRefused() {
        String out = dir.resolve("out").toString();
        oneLineError(MainTest.cli("run", "--data", "../data-samples", "--out", out, "--tiles", "6044-6045"),
                "--tiles is for --source tap|irsa; --source samples matches the tiles ../data-samples/tiles holds. "
                        + "Leave it out, or give --source tap|irsa.");
        oneLineError(MainTest.cli("run", "--data", "../data-samples", "--out", out, "--tap-url", "http://x/tap"),
                "--tap-url is for --source tap|irsa; --source samples matches the tiles ../data-samples/tiles holds. "
                        + "Leave it out, or give --source tap|irsa.");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /** --out '' had written the results into the current directory; --data '' had read it. */
    @Test
    void emptyPathsAreRefusedAndNothingIsWritten() {
        oneLineError(MainTest.cli("run", "--data", "../data-samples", "--out", ""), "the output directory (--out, or "
                + ".out(DIR)) is an empty path, which would mean the current directory; give a directory.");
        assertFalse(Files.exists(Path.of("run.json")), "nothing in the current directory");
        oneLineError(MainTest.cli("run", "--data", "", "--out", dir.resolve("out").toString()), "the data directory "
                + "(--data, or Pipeline.on(DIR)) is an empty path, which would mean the current directory; give a "
                + "directory.");
        Path none = dir.resolve("none"), out = dir.resolve("out");
        Object[] r = MainTest.cli("run", "--data", none.toString(), "--out", out.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).startsWith("error: " + none + ": no such directory; "), (String) r[2]);
        assertFalse(Files.exists(out), "a missing --data leaves no output directory behind");
    }

    /** --ph-qual in any case: "ab" had kept no source (0 candidates, exit 0); other letters are refused. */
    @Test
    void phQualTakesAnyCase() {
        Path out = dir.resolve("out");
        Object[] r = MainTest.cli("run", "--data", "../data-samples", "--out", out.toString(), "--phase", "filter",
                "--ph-qual", "ab");
        assertEquals(0, r[0], r[1] + "" + r[2]);
        assertTrue(ParquetIO.rowCount(out.resolve("candidates.parquet")) > 300, "the samples' candidates");
        r = MainTest.cli("run", "--data", "../data-samples", "--out", out.toString(), "--phase", "filter", "--ph-qual",
                "AB");
        assertTrue(((String) r[1]).contains("filter       reused"), "the same setting: " + r[1]);
        oneLineError(MainTest.cli("run", "--data", "../data-samples", "--out", out.toString(), "--ph-qual", "ABQ"),
                "candidate cuts: 'Q' of ph_qual (--ph-qual) \"ABQ\" is not a photometric quality code; give letters of "
                        + "A, B, C, U, X, Z (any case), e.g. AB.");
    }
}
