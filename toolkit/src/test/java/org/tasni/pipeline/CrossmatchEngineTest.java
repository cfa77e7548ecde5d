package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.cli.Main;

/** Without the spark/ module on the class path, {@code --engine spark} is refused with the way to run it. */
class CrossmatchEngineTest {

    @TempDir
    Path dir;

    @Test
    void theSparkEngineIsNotOnTheToolkitsClassPathAndTheMessageNamesTheLauncher() {
        TasniException e = assertThrows(TasniException.class, () -> CrossmatchEngine.find(Engine.SPARK));
        assertTrue(e.getMessage().contains("spark/bin/tasni-spark run --engine spark"), e.getMessage());
    }

    @Test
    void runEngineSparkFailsTheCrossmatchPhaseWithThatMessage() {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("run", "--engine", "SPARK", "--data", "../data-samples", "--out", dir.toString(), "--phase",
                    "crossmatch");
        } finally {
            System.setOut(out);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertNotEquals(0, code, printed);
        assertTrue(printed.contains("tasni-spark"), printed);
        assertFalse(Files.exists(dir.resolve("orphans.parquet")), "no orphans without an engine");
    }

    @Test
    void theCutsAreRecordedInOneOrder() {
        // run.json and the report's table of settings list them in this order in every run (Map.of's order changed
        // from one JVM to the next)
        Object cuts = PipelineConfig.defaults().toMap().get("cuts");
        assertEquals(java.util.List.of("min_w1snr", "min_w2snr", "ph_qual", "cc_flags", "min_w1_w2"),
                java.util.List.copyOf(((java.util.Map<?, ?>) cuts).keySet()));
    }

    @Test
    void theEngineIsRecordedWithTheSettings() {
        assertEquals("spark", PipelineConfig.defaults().withEngine(Engine.SPARK).toMap().get("engine"));
        assertEquals("cpu", PipelineConfig.defaults().toMap().get("engine"));
    }
}
