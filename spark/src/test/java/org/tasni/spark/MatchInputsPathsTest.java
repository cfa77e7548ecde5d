package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;

/**
 * A directory the run replaces, and an output inside an input catalogue, are found as the system opens the paths:
 * with q/link pointing at p/real, q/link/../parts is p/parts, which a textual normalize made q/parts.
 */
class MatchInputsPathsTest {

    @TempDir
    Path dir;

    @Test
    void aLinkAndDotDotLeadingToAnInputIsRefused() throws IOException {
        Path p = Files.createDirectories(dir.resolve("p/real")).getParent();
        Path q = Files.createDirectories(dir.resolve("q"));
        Files.createSymbolicLink(q.resolve("link"), p.resolve("real"));
        Path input = Files.writeString(Files.createDirectories(p.resolve("parts")).resolve("left.parquet"), "x");
        var e = assertThrows(TasniException.class,
                () -> MatchInputs.refuseReplacing(q.resolve("link/../parts"), List.of(input)));
        assertTrue(e.getMessage().contains("refusing to delete an input"), e.getMessage());
        e = assertThrows(TasniException.class, () -> MatchInputs.refuseInside(q.resolve("link/../out"), p));
        assertTrue(e.getMessage().contains("inside the input catalogue"), e.getMessage());
        // the other way round: q/parts is not q/link/../parts
        Files.createDirectories(q.resolve("parts"));
        MatchInputs.refuseReplacing(q.resolve("parts"), List.of(q.resolve("link/../parts/left.parquet")));
        MatchInputs.refuseInside(q.resolve("out"), q.resolve("link/.."));
    }
}
