package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
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

    /** t with the designation of row r replaced by {@code id.apply(r)}. */
    private static Table withIds(Table t, IntFunction<String> id) {
        String[] ids = new String[t.rowCount()];
        for (int r = 0; r < ids.length; r++) {
            ids[r] = id.apply(r);
        }
        t.replaceColumn("designation", StringColumn.create("designation", ids));
        return t;
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
    void rowsWithoutAnIdInsideASourceStreamAsWhole() {
        // rows without an id (empty, blank) among a source's rows: dropped and counted, as the whole table drops them,
        // wherever they fall: the last and first rows of a row group, the middle of a source carried over to the next
        // group, and whole groups of them (found by an adversarial tester: such a row had split the carried source)
        Table sample = TableIO.read("../data-samples/neowise_epochs.parquet");
        Table epochs = withIds(sample.copy(), r -> r % 37 == 5 ? "" : r % 53 == 7 ? "   " : r >= 900 && r < 1100 ? ""
                : sample.stringColumn("designation").get(r));
        for (long groupBytes : new long[] {2 * 1024, 16 * 1024, 256 * 1024}) {
            Path file = written(epochs, "blank_" + groupBytes + ".parquet", groupBytes, 2);
            assertStreamsAsWhole(epochs, file);
            VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
            a.analyze(file);
            long blank = epochs.stringColumn("designation").asList().stream().filter(String::isBlank).count();
            assertEquals(blank, a.report().dropped().get(org.tasni.io.DropReason.MISSING_ID), "groups of " + groupBytes);
        }
    }

    @Test
    void mostlyDistinctIdsStreamAsWhole() {
        // sources of one or two exposures: the reader keeps such an id column's strings without a dictionary of its own
        // (DeferredDictionary), and each source's name is read from its first row, within a group's range
        Table epochs = withIds(TableIO.read("../data-samples/neowise_epochs.parquet").inRange(0, 3000),
                r -> String.format("S%05d", r % 10 == 9 ? r - 1 : r));
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
        Table epochs = withIds(TableSlices.join("many", copies), r -> String.format("S%06d", r));
        Path file = written(epochs, "many.parquet", 6L << 20, 2);
        assertEquals(n, VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(file).rowCount());
        assertStreamsAsWhole(epochs, file);
    }

    @Test
    void aSourceWrongInEveryRowAtAGroupsEdgeIsDroppedNotRefused() {
        // sources of 7 rows in groups of about 100: the source of rows 98-104 (from 0) straddles a group's edge, so its
        // rows are a part of their own; its mjd all JD, or its ids and those of the group's last rows empty, are that
        // source's rows dropped and counted, as reading the file whole counts them, not a file wrong in every row
        Table sample = TableIO.read("../data-samples/neowise_epochs.parquet").inRange(0, 700);
        Table jd = withIds(sample.copy(), r -> String.format("S%05d", r / 7));
        for (int r = 98; r <= 104; r++) {
            jd.doubleColumn("mjd").set(r, jd.doubleColumn("mjd").get(r) + 2_400_000.5);
        }
        assertStreamsAsWhole(jd, written(jd, "jd.parquet", 2048, 5));
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        a.analyze(dir.resolve("jd.parquet"));
        assertEquals(7, a.report().dropped().get(org.tasni.io.DropReason.MJD_OUT_OF_RANGE));

        // the ids of a group's last rows and of the next group's first empty
        Table empty = withIds(sample.copy(), r -> r >= 96 && r <= 104 ? "" : String.format("S%05d", r / 7));
        assertStreamsAsWhole(empty, written(empty, "empty.parquet", 2048, 5));
        a.analyze(dir.resolve("empty.parquet"));
        assertEquals(9, a.report().dropped().get(org.tasni.io.DropReason.MISSING_ID));
        // every id empty, or every mjd a JD: refused for the file, with the message of the file read whole
        Table none = withIds(sample.copy(), r -> "");
        Table allJd = jd.copy();
        for (int r = 0; r < allJd.rowCount(); r++) {
            allJd.doubleColumn("mjd").set(r, sample.doubleColumn("mjd").get(r) + 2_400_000.5);
        }
        for (Table wrong : List.of(none, allJd)) {
            Path file = written(wrong, "wrong.parquet", 2048, 5);
            String whole = assertThrows(TasniException.class, () -> a.analyze(wrong.setName("wrong.parquet"))).getMessage();
            String streamed = assertThrows(TasniException.class, () -> a.analyze(file)).getMessage();
            assertEquals(whole, streamed);
            assertTrue(whole.contains("is empty in every row (data rows 1 to 700)") || whole.contains("(data row 1: 24"), whole);
        }
    }

    @Test
    void anEmptyIdOrFlagInAParquetFileIsCounted() {
        // the reader's dictionary keys the empty string far above the others (Tablesaw's missing value): a file with
        // one empty designation or cc_flags threw NegativeArraySizeException, read whole or streamed
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Table t = epochs.copy();
        t.stringColumn("designation").set(10, "");
        t.stringColumn("cc_flags").set(20, "");
        Path file = written(t, "blank.parquet", 256 * 1024, 2);
        assertStreamsAsWhole(TableIO.read(file), file);
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        a.analyze(file);
        assertEquals(1, a.report().dropped().get(org.tasni.io.DropReason.MISSING_ID));
    }

    @Test
    void anUngroupedFileIsReadWholeAndSaysWhere() {
        // the stream cannot group a source whose rows are apart: such a file was refused, however small, while the same
        // rows as CSV were analysed (found by an adversarial tester). Now it is read whole, as analyze(table) reads it,
        // and the report says why, naming the row where a source appears again (the refusal had named the part's
        // first row)
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Table mixed = epochs.inRange(0, 500).append(epochs.inRange(0, 100)).setName("mixed.parquet"); // the first source reappears
        Path p = dir.resolve("mixed.parquet");
        ParquetIO.write(mixed, p, 16 * 1024);
        assertStreamsAsWhole(mixed, p);
        VariabilityAnalyzer a = VariabilityAnalyzer.of(VariabilityConfig.standard());
        assertEquals(2, a.analyze(p).rowCount());
        String first = epochs.stringColumn("designation").get(0);
        assertEquals("not grouped by designation (" + first + " appears again at data row 501, after other sources)",
                a.report().readWhole());
        assertFalse(a.report().wasGrouped());
        assertTrue(a.report().toString().contains("; input was not grouped by designation (" + first
                + " appears again at data row 501, after other sources): read whole, not streamed"), a.report().toString());
        // one row group, the sources interleaved from the first rows: the row is the one where FADER comes back, not
        // the first row of the part the stream was reading
        Table interleaved = VariabilityHostileInputTest.clean().table();
        Path one = dir.resolve("interleaved.parquet");
        ParquetIO.write(interleaved, one);
        assertStreamsAsWhole(interleaved, one);
        a.analyze(one);
        assertEquals("not grouped by designation (FADER appears again at data row 3, after other sources)",
                a.report().readWhole());
        // a grouped file is streamed, and its report says nothing of reading it whole
        a.analyze(written(epochs, "grouped.parquet", 256 * 1024, 2));
        assertEquals("", a.report().readWhole());
        assertTrue(a.report().wasGrouped());
    }
}
