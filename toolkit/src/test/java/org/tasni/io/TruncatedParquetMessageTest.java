package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;

/** The words of a cut Parquet file's refusal (found by an adversarial tester). */
class TruncatedParquetMessageTest {

    @TempDir
    Path dir;

    /** parquet-java says "footer is too large: 3712051550to be read"; the refusal puts the space and the unit in. */
    @Test
    void aCutFilesFooterLengthIsReadable() throws Exception {
        byte[] whole = Files.readAllBytes(Path.of("../data-samples/tiles/wise_hp06045.parquet"));
        Path cut = dir.resolve("wise_hp06045.parquet");
        Files.write(cut, Arrays.copyOf(whole, 200_000)); // an interrupted copy
        TasniException e = assertThrows(TasniException.class, () -> TableIO.read(cut));
        assertTrue(e.getMessage().startsWith("wise_hp06045.parquet: not a readable Parquet file ("), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*footer is too large: \\d+ bytes to be read.*"), e.getMessage());
    }
}
