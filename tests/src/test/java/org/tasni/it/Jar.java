package org.tasni.it;

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

/** Runs {@code java -jar toolkit/target/tasni-toolkit.jar …} as a user would, in its own process. */
final class Jar {

    static final Path ROOT = Path.of(System.getProperty("tasni.root", "..")).toAbsolutePath().normalize();
    static final Path JAR = Path.of(System.getProperty("tasni.jar", ROOT + "/toolkit/target/tasni-toolkit.jar"));

    record Result(int code, String out, String err) {

        /**
         * Asserts a user error as the CLI promises it: exit 1, exactly one line on stderr starting with "error: " and
         * holding each of {@code parts}, and no Java stack trace. Returns that line.
         */
        String assertOneLineUserError(String... parts) {
            assertEquals(1, code, "exit code; stdout: " + out + " stderr: " + err);
            List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line: " + err);
            assertTrue(lines.get(0).startsWith("error: "), err);
            assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
            for (String p : parts) {
                assertTrue(lines.get(0).contains(p), p + " in " + err);
            }
            return lines.get(0).strip();
        }
    }

    private Jar() {}

    static Result run(String... args) throws IOException, InterruptedException {
        return runWithJvm(List.of(), args);
    }

    /** {@link #run} with JVM options before {@code -jar}, e.g. {@code -Xmx256m}. */
    static Result runWithJvm(List<String> jvm, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: build it with 'mvn -B verify' (or package) first");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("tasni-out", ".txt"), err = Files.createTempFile("tasni-err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
