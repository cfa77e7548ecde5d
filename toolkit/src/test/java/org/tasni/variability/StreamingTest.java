package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** A Parquet epochs file streamed row group by row group gives what the whole table gives. */
class StreamingTest {

    @TempDir
    Path dir;

    @Test
    void streamingEqualsReadingWhole() {
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Path small = dir.resolve("groups.parquet");
        ParquetIO.write(epochs, small, 256 * 1024); // many row groups, sources split across them
        int[] groups = {0};
        ParquetIO.forEachRowGroup(small, List.of("designation"), g -> groups[0]++);
        assertTrue(groups[0] > 5, "row groups: " + groups[0]);
        for (VariabilityConfig c : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5())) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(c);
            Table whole = a.analyze(epochs);
            Table streamed = a.analyze(small);
            TableAssert.assertSameTable(whole.setName("x"), streamed.setName("x"));
            assertEquals(epochs.rowCount(), a.report().rows());
        }
    }

    @Test
    void sourcesLongerThanARowGroupStreamAsWhole() {
        // row groups of a few dozen rows: most sources span several, many a group is one source's rows alone, the
        // same source's as the group before or a new one's
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Path tiny = dir.resolve("tiny.parquet");
        ParquetIO.write(epochs, tiny, 2 * 1024);
        int[] groups = {0}, single = {0};
        ParquetIO.forEachRowGroup(tiny, List.of("designation"), g -> {
            groups[0]++;
            single[0] += g.stringColumn("designation").countUnique() == 1 ? 1 : 0;
        });
        assertTrue(single[0] > 10, "groups of one source: " + single[0] + " of " + groups[0]);
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        Table whole = a.analyze(epochs);
        Table streamed = a.analyze(tiny);
        TableAssert.assertSameTable(whole.setName("x"), streamed.setName("x"));
        assertEquals(epochs.rowCount(), a.report().rows());
    }

    @Test
    void mostlyDistinctIdsStreamAsWhole() {
        // sources of one or two exposures: the reader keeps such an id column's strings without a dictionary of its own
        // (DeferredDictionary), and each source's name is read from its first row, within a group's range
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet").inRange(0, 3000);
        String[] ids = new String[epochs.rowCount()];
        for (int r = 0; r < ids.length; r++) {
            ids[r] = String.format("S%05d", r % 10 == 9 ? r - 1 : r);
        }
        epochs.replaceColumn("designation", tech.tablesaw.api.StringColumn.create("designation", ids));
        Path file = dir.resolve("distinct.parquet");
        ParquetIO.write(epochs, file, 16 * 1024);
        int[] groups = {0};
        ParquetIO.forEachRowGroup(file, List.of("designation"), g -> groups[0]++);
        assertTrue(groups[0] > 3, "row groups: " + groups[0]);
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        TableAssert.assertSameTable(a.analyze(epochs).setName("x"), a.analyze(file).setName("x"));
    }

    @Test
    void groupsOfMoreThan65535SourcesStreamAsWhole() {
        // 140,000 sources of one exposure: a row group's result then has more than 65,535 distinct designations, which
        // Tablesaw keeps without dictionary keys, and the parts' results are still joined
        Table sample = TableIO.read("../data-samples/neowise_epochs.parquet");
        int n = 140_000;
        List<org.tasni.io.TableSlices.Part> copies = new java.util.ArrayList<>();
        for (int r = 0; r < n; r += sample.rowCount()) {
            copies.add(new org.tasni.io.TableSlices.Part(sample, 0, Math.min(sample.rowCount(), n - r)));
        }
        Table epochs = org.tasni.io.TableSlices.join("many", copies);
        String[] ids = new String[n];
        for (int r = 0; r < n; r++) {
            ids[r] = String.format("S%06d", r);
        }
        epochs.replaceColumn("designation", tech.tablesaw.api.StringColumn.create("designation", ids));
        Path file = dir.resolve("many.parquet");
        ParquetIO.write(epochs, file, 6L << 20);
        int[] groups = {0};
        ParquetIO.forEachRowGroup(file, List.of("designation"), g -> groups[0]++);
        assertTrue(groups[0] >= 2, "row groups: " + groups[0]);
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        Table streamed = a.analyze(file);
        assertEquals(n, streamed.rowCount());
        TableAssert.assertSameTable(a.analyze(epochs).setName("x"), streamed.setName("x"));
    }

    @Test
    void anUngroupedFileIsAClearError() {
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Table mixed = epochs.inRange(0, 500).append(epochs.inRange(0, 100)); // the first source reappears
        Path p = dir.resolve("mixed.parquet");
        ParquetIO.write(mixed, p, 16 * 1024);
        var e = assertThrows(TasniException.class, () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(p));
        assertTrue(e.getMessage().startsWith("mixed.parquet: not grouped by designation ("), e.getMessage());
        assertTrue(e.getMessage().contains("ORDER BY designation, mjd"), e.getMessage());
        assertEquals(2, VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(mixed).rowCount(),
                "read whole, the same rows group fine");
    }
}
