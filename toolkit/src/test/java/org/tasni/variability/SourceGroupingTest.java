package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.DropReason;
import org.tasni.io.TableIO;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * SourceGrouping.of over more rows than one of SourceLoop's ranges, on one thread and on two, against a grouping done
 * here the plain way (a map from id to its rows, in order of first appearance): sources whose rows cross the ranges'
 * boundaries, blank ids, rows already dropped for their time.
 */
class SourceGroupingTest {

    private static final int ROWS = 3 * SourceLoop.RANGE + 1234;

    @Test
    void groupedInputAcrossRangesMatchesAPlainGrouping() {
        // runs of 7 rows: many cross a range's boundary; every 50th source has a blank id
        check(i -> (i / 7) % 50 == 3 ? " " : "S" + (i / 7), true);
    }

    @Test
    void ungroupedInputAcrossRangesMatchesAPlainGrouping() {
        // each source's rows spread over the whole file: the first appearances decide the numbering
        check(i -> i % 997 == 5 ? "" : "S" + ((i * 31L) % 1009), false);
    }

    @Test
    void idsReadWithADeferredDictionaryMatchAPlainGrouping(@TempDir Path dir) {
        // mostly one row per id, so many distinct ids that the Parquet reader defers the column's dictionary: the
        // names then come from each key's first row, not from the dictionary's entries
        String[] values = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[i] = i % 50 == 3 ? " " : "S" + (i % 3 == 0 ? i - 1 : i);
        }
        Path file = dir.resolve("ids.parquet");
        TableIO.write(Table.create("ids", StringColumn.create("designation", values)), file);
        StringColumn id = TableIO.read(file).stringColumn("designation");
        assertNull(SourceGrouping.namesByKey(id.getDictionary(), 0, 1), "the dictionary is not one of Tablesaw's");
        check(i -> values[i], true, id);
    }

    private interface Ids {
        String at(int row);
    }

    private static void check(Ids ids, boolean grouped) {
        check(ids, grouped, null);
    }

    /** As above, with the ids in {@code column} when it is given (the same values as {@code ids}). */
    private static void check(Ids ids, boolean grouped, StringColumn column) {
        String[] values = new String[ROWS];
        byte[] why = new byte[ROWS];
        byte badMjd = (byte) (DropReason.NONFINITE_MJD.ordinal() + 1);
        for (int i = 0; i < ROWS; i++) {
            values[i] = ids.at(i);
            why[i] = i % 101 == 17 ? badMjd : 0;
        }
        StringColumn id = column != null ? column : StringColumn.create("designation", values);
        // the expected grouping, independently: blank ids dropped as missing, then the other drops, then by id
        Map<String, List<Integer>> rowsById = new LinkedHashMap<>();
        long[] expectedReasons = new long[DropReason.values().length];
        for (int i = 0; i < ROWS; i++) {
            if (values[i].isBlank()) {
                expectedReasons[DropReason.MISSING_ID.ordinal()]++;
            } else if (why[i] != 0) {
                expectedReasons[why[i] - 1]++;
            } else {
                rowsById.computeIfAbsent(values[i], k -> new ArrayList<>()).add(i);
            }
        }
        for (int threads : new int[] {1, 2}) {
            DictionaryMap dict = id.getDictionary();
            int[] key = new int[ROWS];
            int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
            for (int i = 0; i < ROWS; i++) {
                key[i] = dict.getKeyAtIndex(i);
                min = Math.min(min, key[i]);
                max = Math.max(max, key[i]);
            }
            long[] reasons = new long[DropReason.values().length];
            SourceGrouping g = SourceGrouping.of(key, min, max - min + 1, Arrays.copyOf(why, ROWS), id, 0, reasons,
                    new SourceLoop(threads));
            String on = threads + " thread(s)";
            assertArrayEquals(expectedReasons, reasons, on);
            assertEquals(grouped, g.wasGrouped(), on);
            assertArrayEquals(rowsById.keySet().toArray(new String[0]), g.names(), on);
            int k = 0;
            for (List<Integer> rows : rowsById.values()) {
                int[] got = Arrays.copyOfRange(g.order(), g.start()[k], g.start()[k + 1]);
                assertArrayEquals(rows.stream().mapToInt(Integer::intValue).toArray(), got, on + ", source " + k);
                k++;
            }
            assertEquals(rowsById.size(), g.sources(), on);
        }
    }
}
