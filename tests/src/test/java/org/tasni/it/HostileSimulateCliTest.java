package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** {@code simulate} as a process, with the adversarial tester's cases. */
class HostileSimulateCliTest {

    @TempDir
    Path dir;

    @Test
    void badTargetsAreCountedAndAnExistingOutputIsRefusedUnlessForced() throws Exception {
        Path t = Files.writeString(dir.resolve("t.csv"), "designation,ra,dec\nJ1,10,20\nJ2,nan,20\nJ3,10,20\nJ3,11,95\n");
        Path out = dir.resolve("s/t3");
        var r = Jar.run("simulate", "--out", out.toString(), "--targets", t.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("targets: 4 given, 2 kept; targets left out: 1 non-finite ra/dec, "
                + "1 ra/dec out of range"), r.out());
        Table truth = TableIO.read(out.resolve("neowise_truth.parquet"));
        assertEquals(List.of("J1", "J3"), truth.stringColumn("designation").asList());
        byte[] epochs = Files.readAllBytes(out.resolve("neowise_epochs.parquet"));
        var again = Jar.run("simulate", "--out", out.toString(), "--targets", t.toString(), "--seed", "9");
        assertEquals(1, again.code());
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().contains("already exist") && again.err().contains("--force"), again.err());
        assertArrayEquals(epochs, Files.readAllBytes(out.resolve("neowise_epochs.parquet")));
        var forced = Jar.run("simulate", "--out", out.toString(), "--targets", t.toString(), "--seed", "9", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(java.util.Arrays.equals(epochs, Files.readAllBytes(out.resolve("neowise_epochs.parquet"))));
    }
}
