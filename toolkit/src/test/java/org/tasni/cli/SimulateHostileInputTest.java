package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.tasni.cli.MainTest.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.TableIO;
import org.tasni.simulate.EpochConfig;
import org.tasni.simulate.EpochSimulator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code simulate} with hostile input: an --out that holds data, bad --targets rows and columns. */
class SimulateHostileInputTest {

    @TempDir
    Path dir;

    @Test
    void existingTilesAreNotOverwrittenWithoutForce() throws Exception {
        Path out = dir.resolve("data");
        Object[] first = cli("simulate", "--out", out.toString(), "--tiles", "100,101", "--density-scale", "0.01",
                "--light-curves", "0");
        assertEquals(0, first[0], (String) first[2]);
        Path wise = out.resolve("tiles/wise_hp00100.parquet"), other = out.resolve("tiles/gaia_hp00101.parquet");
        byte[] before = Files.readAllBytes(wise);
        // another data set into the same directory: refused, one line naming the files, nothing written
        Object[] again = cli("simulate", "--out", out.toString(), "--tiles", "100", "--seed", "7",
                "--density-scale", "0.01", "--light-curves", "0");
        assertEquals(1, again[0], (String) again[2]);
        String err = (String) again[2];
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("2 of the 2 files this run would write already exist"), err);
        assertTrue(err.contains("gaia_hp00100.parquet") && err.contains("--force"), err);
        assertArrayEquals(before, Files.readAllBytes(wise));
        // a tile the run does not write is no reason to refuse, and --force overwrites only what the run writes
        byte[] otherBefore = Files.readAllBytes(other);
        Object[] forced = cli("simulate", "--out", out.toString(), "--tiles", "100", "--seed", "7",
                "--density-scale", "0.01", "--light-curves", "0", "--force");
        assertEquals(0, forced[0], (String) forced[2]);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(wise)), "seed 7 wrote tile 100 again");
        assertArrayEquals(otherBefore, Files.readAllBytes(other));
        assertFalse(Files.exists(out.resolve("neowise_epochs.parquet")));
        // epochs and truth files of a --targets run are protected the same way
        Path t = Files.writeString(dir.resolve("t.csv"), "designation,ra,dec\nJ1,10,20\n");
        assertEquals(0, cli("simulate", "--out", out.toString(), "--targets", t.toString())[0]);
        byte[] epochs = Files.readAllBytes(out.resolve("neowise_epochs.parquet"));
        Object[] r = cli("simulate", "--out", out.toString(), "--targets", t.toString(), "--seed", "3");
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("neowise_epochs.parquet"), (String) r[2]);
        assertArrayEquals(epochs, Files.readAllBytes(out.resolve("neowise_epochs.parquet")));
        // a data directory's own targets, given back: a --targets run never writes targets.parquet, so not refused
        Path own = dir.resolve("own");
        Files.createDirectories(own);
        Files.copy(Path.of("../data-samples/targets.parquet"), own.resolve("targets.parquet"));
        byte[] targets = Files.readAllBytes(own.resolve("targets.parquet"));
        Object[] beside = cli("simulate", "--out", own.toString(), "--targets", own.resolve("targets.parquet").toString());
        assertEquals(0, beside[0], (String) beside[2]);
        assertArrayEquals(targets, Files.readAllBytes(own.resolve("targets.parquet")));
        assertTrue(Files.exists(own.resolve("neowise_epochs.parquet")));
        // but its epochs file as the targets is still refused
        Object[] self = cli("simulate", "--out", own.toString(), "--targets",
                own.resolve("neowise_epochs.parquet").toString(), "--force");
        assertEquals(1, self[0]);
        assertTrue(((String) self[2]).contains("this output is the input"), (String) self[2]);
    }

    @Test
    void badTargetRowsAreLeftOutAndCountedNeverWrappedOrMerged() throws Exception {
        Path t = Files.writeString(dir.resolve("t.csv"), "designation,ra,dec\nJ1,10,20\nJ2,nan,20\nJ3,10,20\nJ3,11,95\n"
                + "J4,400,10\nJ5,30,-40\nJ3,12,30\n,5,5\n");
        Path out = dir.resolve("s");
        Object[] r = cli("simulate", "--out", out.toString(), "--targets", t.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("targets: 8 given, 3 kept; targets left out: 1 non-finite ra/dec, "
                + "2 ra/dec out of range, 1 duplicate, 1 missing id"), (String) r[1]);
        Table truth = TableIO.read(out.resolve("neowise_truth.parquet"));
        assertEquals(List.of("J1", "J3", "J5"), truth.stringColumn("designation").asList());
        Table epochs = TableIO.read(out.resolve("neowise_epochs.parquet"));
        assertEquals(List.of("J1", "J3", "J5"), epochs.stringColumn("designation").unique().asList().stream().sorted().toList());
        // J3's light curve is the first J3's (ra 10, dec 20), not a merge with the later ones
        double[] ra = org.tasni.io.Columns.doubles(epochs.where(epochs.stringColumn("designation").isEqualTo("J3")), "ra");
        double[] dec = org.tasni.io.Columns.doubles(epochs.where(epochs.stringColumn("designation").isEqualTo("J3")), "dec");
        for (int i = 0; i < ra.length; i++) {
            assertEquals(10, ra[i], 0.01);
            assertEquals(20, dec[i], 0.01);
        }
        assertTrue(ra.length > 0);
        assertTrue(java.util.Arrays.stream(org.tasni.io.Columns.doubles(epochs, "ra")).allMatch(Double::isFinite), "no epoch without a position");
    }

    @Test
    void aTargetColumnWrongAsAWholeIsRefusedWithItsDataRow() throws Exception {
        Path swapped = Files.writeString(dir.resolve("swapped.csv"), "designation,ra,dec\nJ1,10,120\nJ2,11,130\nJ3,12,20\n");
        Object[] r = cli("simulate", "--out", dir.resolve("a").toString(), "--targets", swapped.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("column 'dec' has 2 of 3 values out of range (data row 1: 120.0)"), (String) r[2]);
        assertFalse(Files.exists(dir.resolve("a/neowise_epochs.parquet")));
        Path unnamed = Files.writeString(dir.resolve("unnamed.csv"), "designation,ra,dec\n\"\",10,20\n\"\",11,21\n");
        Object[] u = cli("simulate", "--out", dir.resolve("b").toString(), "--targets", unnamed.toString());
        assertEquals(1, u[0]);
        assertTrue(((String) u[2]).contains("column 'designation' is empty in every row (data row 1 has none)"), (String) u[2]);
    }

    @Test
    void theSimulatorNamesAnEmptyDesignationByItsOneBasedDataRow() {
        Table t = Table.create("targets.csv", StringColumn.create("designation", "J1", ""),
                DoubleColumn.create("ra", 10.0, 11.0), DoubleColumn.create("dec", 20.0, 21.0));
        var e = assertThrows(TasniException.class, () -> EpochSimulator.of(EpochConfig.defaults()).simulate(t));
        assertEquals("targets.csv: column 'designation' is empty in data row 2.", e.getMessage());
    }
}
