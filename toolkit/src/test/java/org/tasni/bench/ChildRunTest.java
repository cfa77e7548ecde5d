package org.tasni.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;

/** A child process's peak memory is its own: a child that touches 200 MiB peaks above that, a tiny one far below. */
class ChildRunTest {

    @TempDir
    Path dir;

    @Test
    void peakRssIsTheChildsOwn() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        // bytes(n) writes n zero bytes, so every page is resident
        ChildRun.Result big = ChildRun.run(List.of("/usr/bin/python3", "-c", "b = bytearray(200 * 1024 * 1024); print(len(b))"),
                dir, 5);
        assertTrue(big.peakRssMb() >= 200 && big.peakRssMb() < 400, big.peakRssMb() + " MiB by " + big.peakSource());
        assertEquals("209715200", big.output().strip());
        // this JVM holds far more than the small child: its peak must not leak into the child's figure
        ChildRun.Result small = ChildRun.run(List.of("/usr/bin/python3", "-c", "pass"), dir, 5);
        assertTrue(small.peakRssMb() > 0 && small.peakRssMb() < 100, small.peakRssMb() + " MiB");
        assertTrue(small.seconds() > 0);
    }

    /** benchmark io's default --out is relative (bench-io): the child, which runs there, still finds its files. */
    @Test
    void aRelativeDirectoryWorks() throws Exception {
        // below the working directory (Maven's: the module), as bench-io is below the user's
        Path relative = Path.of("target", "child-run-" + ProcessHandle.current().pid());
        try {
            ChildRun.Result r = ChildRun.run(List.of("/bin/sh", "-c", "echo ok"), relative, 5);
            assertEquals("ok", r.output().strip());
            assertTrue(r.peakRssMb() > 0, r.peakRssMb() + " MiB by " + r.peakSource());
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void aFailingCommandSaysWhatFailedAndLeavesNoFiles() throws Exception {
        var e = assertThrows(TasniException.class,
                () -> ChildRun.run(List.of("/bin/sh", "-c", "echo broken-input >&2; exit 3"), dir, 5));
        assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("broken-input"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the log and peak files are removed");
        }
    }
}
