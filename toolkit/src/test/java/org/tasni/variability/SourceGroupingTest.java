package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import tech.tablesaw.api.DoubleColumn;
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

    /** Grouped ids in runs of 7 (many cross a range's boundary), with mjd increasing within each source. */
    private static Table cleanEpochs() {
        String[] ids = new String[ROWS];
        double[] mjd = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = "S" + (i / 7);
            mjd[i] = 56000 + (i % 7) * 10.5;
        }
        Table t = Table.create("epochs", StringColumn.create("designation", ids), DoubleColumn.create("mjd", mjd));
        for (String band : new String[] {"w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro"}) {
            t.addColumns(DoubleColumn.create(band, ROWS).setMissingTo(band.contains("sig") ? 0.05 : 14.0));
        }
        return t;
    }

    private static SourceGrouping ifClean(Table t, int threads) {
        EpochColumn mjd = EpochColumn.time(t, "mjd", RowRange.all(t));
        return SourceGrouping.ifClean(t.stringColumn("designation"), 0, mjd, DropReason.MJD_MIN, DropReason.MJD_MAX,
                new SourceLoop(threads));
    }

    @Test
    void cleanInputIsGroupedInOnePassAsTheGeneralWayGroupsIt() {
        Table t = cleanEpochs();
        for (int threads : new int[] {1, 2}) {
            SourceGrouping g = ifClean(t, threads);
            assertNotNull(g, "grouped, every mjd in the span and increasing");
            assertTrue(g.wasGrouped());
            assertEquals((ROWS + 6) / 7, g.sources());
            for (int k = 0; k < g.sources(); k++) {
                assertEquals("S" + k, g.names()[k]);
                assertEquals(7 * k, g.start()[k]);
            }
            assertEquals(ROWS, g.start()[g.sources()]);
            assertNull(g.order(), "every row kept in place: no order array");
        }
        // the same epochs read the general way (one row of another source dropped for its mjd forces it): the same
        // sources, rows and names
        Table withDrop = cleanEpochs();
        withDrop.stringColumn("designation").append("X");
        withDrop.doubleColumn("mjd").append(Double.NaN);
        for (String band : new String[] {"w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro"}) {
            withDrop.doubleColumn(band).append(1.0);
        }
        Epochs clean = new Epochs(t, "designation", QualityCuts.none()), general = new Epochs(withDrop, "designation",
                QualityCuts.none());
        assertEquals(1, general.dropped.get(DropReason.NONFINITE_MJD));
        assertArrayEquals(general.designation, clean.designation);
        assertArrayEquals(general.start, clean.start);
        assertEquals(ROWS, clean.keptRows());
        for (int r = 0; r < ROWS; r++) {
            assertEquals(general.row(r), clean.row(r));
            assertEquals(r, clean.row(r));
        }
        assertEquals(0, clean.dropped.total());
    }

    @Test
    void inputThatNeedsARowDroppedOrMovedIsLeftToTheGeneralWay() {
        int boundary = SourceLoop.RANGE; // row 65536 begins the second range; its source began at 65534
        List<java.util.function.Consumer<Table>> breaks = List.of(
                t -> t.doubleColumn("mjd").set(boundary, t.doubleColumn("mjd").get(boundary - 1)), // repeated, across ranges
                t -> t.doubleColumn("mjd").set(12, t.doubleColumn("mjd").get(11)), // repeated, within a range
                // repeated, across two chunks of a range's scan
                t -> t.doubleColumn("mjd").set(RowRuns.CLEAN_CHUNK, t.doubleColumn("mjd").get(RowRuns.CLEAN_CHUNK - 1)),
                t -> t.doubleColumn("mjd").set(12, 56000.0), // out of time order
                t -> t.doubleColumn("mjd").set(boundary, 56000.0), // out of time order, across ranges
                t -> t.doubleColumn("mjd").set(ROWS - 1, Double.NaN),
                t -> t.doubleColumn("mjd").set(3, 2_456_000.5), // a JD
                t -> t.stringColumn("designation").set(ROWS - 1, ""),
                t -> t.stringColumn("designation").set(40, " "),
                t -> t.stringColumn("designation").set(ROWS - 1, "S0"), // S0's rows apart
                t -> t.stringColumn("designation").set(boundary, "S1"), // S1 again, at a range's first row
                t -> t.stringColumn("designation").set(17, "S1")); // between S2's rows: both apart
        for (int b = 0; b < breaks.size(); b++) {
            Table t = cleanEpochs();
            breaks.get(b).accept(t);
            for (int threads : new int[] {1, 2}) {
                assertNull(ifClean(t, threads), "break " + b + ", " + threads + " thread(s)");
            }
        }
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
