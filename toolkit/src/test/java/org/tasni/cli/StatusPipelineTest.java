package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.SampleCopies;
import org.tasni.pipeline.Phase;
import org.tasni.pipeline.Pipeline;

/**
 * {@code status} of a pipeline's output directory whose data have moved (found by an adversarial tester): it used
 * run.json's data path whatever DIR said, and failed ("cannot list the tile directory") once that path was gone.
 */
class StatusPipelineTest {

    @TempDir
    Path dir;

    Path copyData(String name) throws IOException {
        return SampleCopies.dataDirectory(dir.resolve(name));
    }

    static String line(String out, String phase) {
        return out.lines().filter(l -> l.startsWith("  " + phase + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + phase + " in\n" + out));
    }

    @Test
    void statusOfAMovedRunSaysWhereTheDataAreAndJudgesTheDirGiven() throws IOException {
        Path data = copyData("data"), out = dir.resolve("out");
        assertFalse(Pipeline.on(data).out(out).threads(2).run(Phase.RANK).report().failed());
        Path moved = dir.resolve("moved");
        Files.move(data, moved);

        // the run's directory alone: the recorded data are gone, said once, and the phases that read them are stale
        Object[] r = MainTest.cli("status", out.toString());
        String text = (String) r[1];
        assertEquals(0, r[0], r[2] + text);
        assertTrue(text.contains("the data directory " + data + " (recorded in "), text);
        assertTrue(line(text, "crossmatch").matches(" +crossmatch +stale .*the data directory .* is gone.*"), text);
        assertTrue(line(text, "rank").contains("stale"), text);
        assertTrue(line(text, "filter").contains("upstream download is stale"), text);

        // DIR and --out: judged against DIR's data, not run.json's
        Object[] given = MainTest.cli("status", moved.toString(), "--out", out.toString());
        String g = (String) given[1];
        assertEquals(0, given[0], given[2] + g);
        assertTrue(g.contains("=== TASNI status: " + moved.toAbsolutePath().normalize() + " ==="), g);
        assertFalse(g.contains("is gone"), g);
        assertTrue(line(g, "crossmatch").contains("inputs changed since it ran"), g);
    }

    /** Only --backend auto falls back to the CPU; --backend gpu fails without a driver. */
    @Test
    void theGpuLineSaysWhichBackendFallsBack() {
        String gpu = Environment.probe().gpu();
        Assumptions.assumeTrue(gpu.startsWith("NO"), "a CUDA driver is installed: " + gpu);
        assertFalse(gpu.contains("the GPU backend falls back"), gpu);
        assertTrue(gpu.contains("--backend auto runs on the CPU, --backend gpu fails"), gpu);
    }
}
