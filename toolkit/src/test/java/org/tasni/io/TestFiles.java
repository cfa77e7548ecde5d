package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The refusal's message, which must be one line. */
    static String oneLine(TasniException e) {
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }
}
