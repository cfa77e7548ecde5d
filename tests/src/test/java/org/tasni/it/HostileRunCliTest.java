package org.tasni.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} refuses bad options and unusable directories in one line, and never writes over its inputs. */
class HostileRunCliTest {

    @TempDir
    Path dir;

    @Test
    void badOptionsAreOneLineErrors() throws Exception {
        String out = dir.resolve("out").toString();
        Jar.run("run", "--out", out, "--source", "tap").assertOneLineUserError("--tap-url");
        Jar.run("run", "--out", out, "--phase", "bogus").assertOneLineUserError("bogus", "crossmatch");
        Jar.run("run", "--out", out, "--radius", "-1").assertOneLineUserError("--radius");
        Jar.run("run", "--out", out, "--threads", "0").assertOneLineUserError("--threads");
        Jar.run("run", "--out", out, "--source", "bogus").assertOneLineUserError("--source");
        Jar.run("run", "--out", Jar.ROOT.resolve("README.md").toString()).assertOneLineUserError("README.md");
    }

    /** An output directory that is the data directory is refused before anything is written: the samples are intact. */
    @Test
    void theDataDirectoryIsNeverTheOutput() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("tiles"));
        Path epochs = data.resolve("neowise_epochs.parquet");
        Files.copy(Jar.ROOT.resolve("data-samples/neowise_epochs.parquet"), epochs);
        Files.copy(Jar.ROOT.resolve("data-samples/tiles/wise_hp06046.parquet"), data.resolve("tiles/wise_hp06046.parquet"));
        byte[] before = Files.readAllBytes(epochs);
        Jar.run("run", "--data", data.toString(), "--out", data.toString())
                .assertOneLineUserError("neowise_epochs.parquet");
        assertArrayEquals(before, Files.readAllBytes(epochs));
    }

    /** A data directory without tiles fails the download phase with its reason; the run says so and exits 1. */
    @Test
    void aDataDirectoryWithoutTilesFailsTheRunWithItsReason() throws Exception {
        var r = Jar.run("run", "--data", Files.createDirectories(dir.resolve("empty")).toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("download     failed") && r.out().contains("FAILED"), r.out());
        assertTrue(r.out().contains("crossmatch   skipped"), r.out());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** A missing data directory is refused in one line, and leaves no output directory behind (it had). */
    @Test
    void aMissingDataDirectoryIsRefusedBeforeTheOutputIsMade() throws Exception {
        Path out = dir.resolve("out");
        Jar.run("run", "--data", dir.resolve("none").toString(), "--out", out.toString())
                .assertOneLineUserError(dir.resolve("none") + ": no such directory");
        assertTrue(!Files.exists(out), "no output directory");
    }

    /**
     * Two runs into one --out at once: the second is refused at once, naming the directory and the first run's process,
     * while status reads the directory; the first ends as if alone (both had exited 0, their files mixed).
     */
    @Test
    void aSecondRunIntoTheSameOutputIsRefusedWhileTheFirstRuns() throws Exception {
        Path out = dir.resolve("busy");
        Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Jar.JAR.toString(), "run", "--out", out.toString()).directory(Jar.ROOT.toFile()).redirectErrorStream(true)
                .start();
        StringBuilder printed = new StringBuilder();
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                printed.append(line).append('\n');
                if (line.startsWith("download ")) {
                    break; // the first run holds the directory: its crossmatch has begun
                }
            }
            Jar.run("run", "--out", out.toString(), "--min-w1-w2", "0.8").assertOneLineUserError(out + ": another "
                    + "pipeline run is writing into this output directory (pid " + first.pid() + " on ");
            var status = Jar.run("status", out.toString());
            assertEquals(0, status.code(), status.out() + status.err());
            assertTrue(status.out().contains("Pipeline (" + out + ")"), status.out());
            for (String line; (line = r.readLine()) != null; ) {
                printed.append(line).append('\n');
            }
        }
        assertEquals(0, first.waitFor(), printed.toString());
        assertTrue(printed.toString().contains("rank         done"), printed.toString());
    }
}
