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
        var r = Jar.run("run", "--data", dir.resolve("empty").toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("download     failed") && r.out().contains("FAILED"), r.out());
        assertTrue(r.out().contains("crossmatch   skipped"), r.out());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
