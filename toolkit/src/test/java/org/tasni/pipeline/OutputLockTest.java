package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.ResultTable;

/**
 * One run at a time per output directory (found by an adversarial tester: two runs into one --out both exited 0, the
 * first one's summary showing the second one's numbers and a funnel no run could give).
 */
class OutputLockTest {

    static final Path SAMPLES = Path.of("../data-samples");

    @TempDir
    Path dir;

    static String busy(Path out) {
        return out + ": another pipeline run is writing into this output directory (";
    }

    /** Two Pipeline objects of one JVM (one notebook kernel): the second is refused while the first runs. */
    @Test
    void twoPipelinesOfOneJvmExcludeEachOtherAndStatusStillReads() throws Exception {
        Path out = dir.resolve("out");
        CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
        Pipeline first = Pipeline.on(SAMPLES).out(out).notices(line -> {
            if (line.startsWith("download")) {
                inside.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS); // holds the run, and its lock, inside the run
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<ResultTable<RunReport>> running = CompletableFuture.supplyAsync(() -> first.run(Phase.DOWNLOAD));
        try {
            assertTrue(inside.await(60, TimeUnit.SECONDS), "the first run reached its download phase");
            TasniException e = assertThrows(TasniException.class, () -> Pipeline.on(SAMPLES).out(out).run(Phase.DOWNLOAD));
            assertTrue(e.getMessage().startsWith(busy(out) + "pid " + ProcessHandle.current().pid() + " on "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; wait for it to end, or give another --out (.out(DIR)). status reads "
                    + "it meanwhile."), e.getMessage());
            // the same directory by another name
            Path link = Files.createSymbolicLink(dir.resolve("link"), out);
            assertThrows(TasniException.class, () -> Pipeline.on(SAMPLES).out(link).run(Phase.DOWNLOAD));
            // and the same object called again from another cell
            assertThrows(TasniException.class, () -> first.run(Phase.DOWNLOAD));
            // reading takes no lock
            assertEquals(Steps.all().size(), Pipeline.at(out).status().rowCount());
        } finally {
            release.countDown();
        }
        assertEquals(PhaseStatus.DONE, running.get(60, TimeUnit.SECONDS).report().phases().get(0).status());
        // released when the run ends, with or without an exception
        assertEquals(PhaseStatus.REUSED, Pipeline.on(SAMPLES).out(out).run(Phase.DOWNLOAD).report().phases().get(0)
                .status());
        Pipeline failing = Pipeline.on(SAMPLES).out(out).notices(line -> {
            throw new TasniException("a notice sink that fails");
        });
        assertThrows(TasniException.class, () -> failing.run(Phase.DOWNLOAD));
        Pipeline.on(SAMPLES).out(out).run(Phase.DOWNLOAD);
    }

    /**
     * Another process's lock (the operating system's, as a second {@code tasni run} takes it) refuses the run, naming
     * the holder; killed like {@code kill -9}, the process loses it, and the run (a resume) goes ahead.
     */
    @Test
    void anotherProcessesLockRefusesTheRunUntilThatProcessIsKilled() throws Exception {
        Path out = dir.resolve("out");
        Path holder = dir.resolve("Hold.java");
        Files.writeString(holder, """
                import java.nio.ByteBuffer;
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        Path f = Path.of(a[0]);
                        Files.createDirectories(f.getParent());
                        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                                StandardOpenOption.WRITE);
                        ch.lock();
                        ch.truncate(0);
                        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on a test host\\n").getBytes()), 0);
                        System.out.println("locked");
                        System.in.read();
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), holder.toString(), PipelineLayout.lockFile(out).toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine());
            TasniException e = assertThrows(TasniException.class, () -> Pipeline.on(SAMPLES).out(out).run(Phase.DOWNLOAD));
            assertTrue(e.getMessage().startsWith(busy(out) + "pid " + p.pid() + " on a test host)"), e.getMessage());
        } finally {
            p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        assertEquals(PhaseStatus.DONE, Pipeline.on(SAMPLES).out(out).run(Phase.DOWNLOAD).report().phases().get(0)
                .status());
    }

    @Test
    void theLockFileIsThePipelinesOwn() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(out.resolve(".pipeline/lock"), PipelineLayout.lockFile(out));
        Pipeline.on(SAMPLES).out(out).run(Phase.DOWNLOAD);
        assertTrue(Files.isRegularFile(PipelineLayout.lockFile(out)), "kept: deleting it could split one lock in two");
    }
}
