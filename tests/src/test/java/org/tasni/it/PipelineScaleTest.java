package org.tasni.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on 10× the samples' area runs in the same bounded heap as on the samples: the phases whose files grow
 * with the sky stream them by row group. Prints each run's time and largest phase heap (the README's scale table).
 */
class PipelineScaleTest {

    static final List<String> HEAP = List.of("-Xmx256m");

    @TempDir
    Path dir;

    @Test
    void tenTimesTheAreaRunsInTheSameHeap() throws Exception {
        Path data = dir.resolve("x10");
        var sim = Jar.run("simulate", "--out", data.toString(), "--tiles", "6040-6079", "--density-scale", "0.1",
                "--light-curves", "4000");
        assertEquals(0, sim.code(), sim.out() + sim.err());
        var one = Jar.runWithJvm(HEAP, "run", "--out", dir.resolve("x1-out").toString());
        assertEquals(0, one.code(), "1x within -Xmx256m: " + one.out() + one.err());
        var ten = Jar.runWithJvm(HEAP, "run", "--data", data.toString(), "--out", dir.resolve("x10-out").toString());
        assertEquals(0, ten.code(), "10x within -Xmx256m (exit 2 is an OutOfMemoryError): " + ten.out() + ten.err());
        for (String run : List.of("x1-out", "x10-out")) {
            JsonNode t = new ObjectMapper().readTree(dir.resolve(run).resolve("pipeline_timing.json").toFile());
            double peak = 0;
            for (JsonNode p : t.get("phases")) {
                peak = Math.max(peak, p.get("peak_heap_mb").asDouble());
            }
            System.out.printf("scale %s: run %.1f s, largest phase heap peak %.0f MB (-Xmx256m)%n", run,
                    t.get("total_s").asDouble(), peak);
        }
    }
}
