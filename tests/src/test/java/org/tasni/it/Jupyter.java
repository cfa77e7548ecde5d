package org.tasni.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernelspec {@code tasni-java} as CI installs it: {@code kernel-setup/install.sh --headless} into a
 * JUPYTER_DATA_DIR of the test's own, and commands run against it (Debian's {@code /usr/bin/jupyter} and python3).
 *
 * @param data the JUPYTER_DATA_DIR that holds the kernelspec
 */
record Jupyter(Path data) {

    static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    /**
     * Runs install.sh (which installs Debian's Jupyter packages where they are missing) into {@code dir/jupyter-data}
     * and checks that the kernelspec is there.
     */
    static Jupyter install(Path dir) throws IOException, InterruptedException {
        Jupyter jupyter = new Jupyter(dir.resolve("jupyter-data"));
        String out = jupyter.run(List.of("bash", Jar.ROOT.resolve("kernel-setup/install.sh").toString(), "--headless"),
                Jar.ROOT, 900, Map.of());
        assertTrue(Files.isRegularFile(jupyter.data.resolve("kernels/tasni-java/kernel.json")), out);
        return jupyter;
    }

    /** Runs cmd in cwd with this JUPYTER_DATA_DIR and env added; fails unless it exits 0 within timeoutS. */
    String run(List<String> cmd, Path cwd, int timeoutS, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("JUPYTER_DATA_DIR", data.toString());
        pb.environment().putAll(env);
        Path log = Files.createTempFile("nb", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
        String out = Files.readString(log);
        Files.delete(log);
        if (!done) {
            p.destroyForcibly();
            fail("timed out after " + timeoutS + " s: " + String.join(" ", cmd) + "\n" + out);
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }
}
