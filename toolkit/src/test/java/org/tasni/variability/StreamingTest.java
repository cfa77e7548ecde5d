package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;
import org.tasni.io.TableSlices;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A Parquet epochs file streamed row group by row group gives what the whole table gives. */
class StreamingTest {

    @TempDir
    Path dir;

    /** Every preset's result and row count from the file streamed equal those from the table read whole. */
    private static void assertStreamsAsWhole(Table epochs, Path file) {
        for (VariabilityConfig c : List.of(VariabilityConfig.standard(), VariabilityConfig.tasniLegacy(),
                VariabilityConfig.tasniTier5())) {
            VariabilityAnalyzer a = VariabilityAnalyzer.of(c);
            Table whole = a.analyze(epochs);
            Table streamed = a.analyze(file);
            TableAssert.assertSameTable(whole.setName("x"), streamed.setName("x"));
            assertEquals(epochs.rowCount(), a.report().rows(), c.name());
        }
    }

    /** {@code epochs} written to {@code name} in row groups of about {@code groupBytes}; at least {@code groups} of them. */
    private Path written(Table epochs, String name, long groupBytes, int groups) {
        Path file = dir.resolve(name);
        ParquetIO.write(epochs, file, groupBytes);
        int[] n = {0};
        ParquetIO.forEachRowGroup(file, List.of("designation"), g -> n[0]++);
        assertTrue(n[0] >= groups, "row groups: " + n[0]);
        return file;
    }

    @Test
    void streamingEqualsReadingWhole() {
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        // many row groups, sources split across them
        assertStreamsAsWhole(epochs, written(epochs, "groups.parquet", 256 * 1024, 6));
    }

    @Test
    void sourcesLongerThanARowGroupStreamAsWhole() {
        // row groups of a few dozen rows: most sources span several, many a group is one source's rows alone, the
        // same source's as the group before or a new one's
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Path tiny = written(epochs, "tiny.parquet", 2 * 1024, 2);
        int[] groups = {0}, single = {0};
        ParquetIO.forEachRowGroup(tiny, List.of("designation"), g -> {
            groups[0]++;
            single[0] += g.stringColumn("designation").countUnique() == 1 ? 1 : 0;
        });
        assertTrue(single[0] > 10, "groups of one source: " + single[0] + " of " + groups[0]);
        assertStreamsAsWhole(epochs, tiny);
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
        epochs.replaceColumn("designation", StringColumn.create("designation", ids));
        assertStreamsAsWhole(epochs, written(epochs, "distinct.parquet", 16 * 1024, 4));
    }

    @Test
    void groupsOfMoreThan65535SourcesStreamAsWhole() {
        // 140,000 sources of one exposure: a row group's result then has more than 65,535 distinct designations, which
        // Tablesaw keeps without dictionary keys, and the parts' results are still joined
        Table sample = TableIO.read("../data-samples/neowise_epochs.parquet");
        int n = 140_000;
        List<TableSlices.Part> copies = new ArrayList<>();
        for (int r = 0; r < n; r += sample.rowCount()) {
            copies.add(new TableSlices.Part(sample, 0, Math.min(sample.rowCount(), n - r)));
        }
        Table epochs = TableSlices.join("many", copies);
        String[] ids = new String[n];
        for (int r = 0; r < n; r++) {
            ids[r] = String.format("S%06d", r);
        }
        epochs.replaceColumn("designation", StringColumn.create("designation", ids));
        Path file = written(epochs, "many.parquet", 6L << 20, 2);
        assertEquals(n, VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(file).rowCount());
        assertStreamsAsWhole(epochs, file);
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
