package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.tasni.TasniException;

/** The io tests' small files and their one-line refusals. */
final class TestFiles {

    private TestFiles() {}

    /** {@code content} as UTF-8 in {@code dir/name}. */
    static Path text(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /**
     * Runs the Python script {@code script} with {@code args} under python3 (Debian's, where there is one) and returns
     * its output; the test is skipped where python3 or astropy is missing, and fails where the script does.
     */
    static String python(Path script, String... args) throws IOException, InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Process proc;
        try {
            proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("skipped: no python3 (" + e.getMessage() + ")");
            return "";
        }
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
        String log = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(proc.exitValue() == 0 || !log.contains("No module named"),
                "skipped: astropy is not installed for " + python);
        assertEquals(0, proc.exitValue(), log);
        return log;
    }

    /** The refusal's message, which must be one line. */
    static String oneLine(TasniException e) {
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }
}
