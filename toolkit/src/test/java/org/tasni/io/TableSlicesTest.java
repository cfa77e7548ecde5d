package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Slices and joins against Tablesaw's own {@code inRange} and {@code append}: the same values, missing ones included. */
class TableSlicesTest {

    private static Table t(String name, int n, int seed) {
        Table t = Table.create(name, StringColumn.create("designation"), DoubleColumn.create("mjd"),
                FloatColumn.create("w1"), IntColumn.create("i"), LongColumn.create("l"), ShortColumn.create("q"),
                BooleanColumn.create("b"));
        for (int r = 0; r < n; r++) {
            int v = r + seed;
            t.stringColumn("designation").append(v % 9 == 0 ? "" : "J" + (v / 3));
            t.doubleColumn("mjd").append(v % 8 == 0 ? Double.NaN : v * 0.5);
            t.floatColumn("w1").append(v % 7 == 0 ? Float.NaN : v * 0.25f);
            if (v % 6 == 0) {
                t.intColumn("i").appendMissing();
                t.longColumn("l").appendMissing();
                t.shortColumn("q").appendMissing();
                t.booleanColumn("b").appendMissing();
            } else {
                t.intColumn("i").append(-v);
                t.longColumn("l").append(v * 1_000_000_007L);
                t.shortColumn("q").append((short) (v % 100));
                t.booleanColumn("b").append(v % 2 == 0);
            }
        }
        return t;
    }

    private static void assertSame(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            assertEquals(expected.column(c).type(), actual.column(c).type());
            for (int r = 0; r < expected.rowCount(); r++) {
                assertEquals(expected.column(c).getString(r), actual.column(c).getString(r), expected.column(c).name() + " " + r);
                assertEquals(expected.column(c).isMissing(r), actual.column(c).isMissing(r), expected.column(c).name() + " " + r);
            }
        }
        // the string column's dictionary holds exactly the values used
        assertEquals(expected.stringColumn("designation").countUnique(), actual.stringColumn("designation").countUnique());
        assertEquals(expected.stringColumn("designation").unique().asSet(), actual.stringColumn("designation").unique().asSet());
    }

    @Test
    void sliceIsInRange() {
        Table a = t("a", 200, 0);
        for (int[] r : new int[][] {{0, 200}, {0, 0}, {13, 77}, {199, 200}, {50, 50}}) {
            assertSame(a.inRange(r[0], r[1]), TableSlices.slice(a, r[0], r[1]));
        }
        assertEquals("a", TableSlices.slice(a, 1, 2).name());
    }

    @Test
    void concatIsAppend() {
        Table a = t("a", 120, 0), b = t("b", 95, 500);
        Table expected = a.copy().append(b);
        assertSame(expected, TableSlices.concat(a, b));
        assertSame(b.copy(), TableSlices.concat(b.emptyCopy(), b));
        // a slice of a join is what the streaming variability analysis cuts at each row group's edge
        Table joined = TableSlices.join("x", List.of(new TableSlices.Part(a, 100, 120), TableSlices.Part.of(b)));
        assertSame(a.inRange(100, 120).append(b), joined);
        // the result's string column still takes appends of new values
        joined.stringColumn("designation").append("new");
        assertEquals("new", joined.stringColumn("designation").get(joined.rowCount() - 1));
    }

    @Test
    void aRangeOfWidelySpreadKeysIsInRange() {
        // rows 9,000 and 9,001 hold a value first seen at row 0 and one first seen at row 9,000: their dictionary keys
        // lie 9,000 apart, far more than the two rows (the hash map's way, not the array's)
        StringColumn s = StringColumn.create("designation");
        for (int r = 0; r < 9_000; r++) {
            s.append("J" + r);
        }
        s.append("J0").append("").append("J8999");
        Table a = Table.create("a", s, IntColumn.indexColumn("i", s.size(), 0));
        for (int[] r : new int[][] {{9_000, 9_002}, {8_999, 9_003}, {9_001, 9_002}, {0, 9_003}}) {
            assertSame(a.inRange(r[0], r[1]), TableSlices.slice(a, r[0], r[1]));
        }
    }

    @Test
    void aColumnOfMoreThan65535DistinctValuesIsInRange() {
        // Tablesaw keeps such a column as strings, without dictionary keys (NullDictionaryMap)
        String[] v = new String[70_000];
        for (int r = 0; r < v.length; r++) {
            v[r] = r % 1000 == 7 ? "" : "J" + (r % 69_000);
        }
        Table a = Table.create("a", StringColumn.create("designation", v), IntColumn.indexColumn("i", v.length, 0));
        assertSame(a.inRange(100, 69_500), TableSlices.slice(a, 100, 69_500));
        Table b = t("b", 50, 3);
        Table joined = TableSlices.join("x", List.of(new TableSlices.Part(a, 68_990, 69_010),
                TableSlices.Part.of(b.selectColumns("designation", "i").setName("b"))));
        assertSame(a.inRange(68_990, 69_010).append(b.selectColumns("designation", "i")), joined);
    }

    @Test
    void aRangeOutsideTheTableIsRefused() {
        // a column's own array may be longer than the column: the range is checked against the table
        DoubleColumn d = DoubleColumn.create("x");
        d.append(1).append(2).append(3);
        Table a = Table.create("a", d);
        assertThrows(IndexOutOfBoundsException.class, () -> TableSlices.slice(a, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> TableSlices.slice(a, 2, 1));
    }

    @Test
    void theCopiesAreTheirOwn() {
        // the result is new arrays: changing it leaves its parts as they were, and the other way round
        Table a = t("a", 50, 0);
        Table copy = a.copy();
        Table slice = TableSlices.slice(a, 10, 30);
        slice.doubleColumn("mjd").set(0, -1.0);
        slice.floatColumn("w1").set(1, -1f);
        slice.stringColumn("designation").set(2, "changed");
        assertSame(copy, a);
        a.doubleColumn("mjd").set(10, -2.0);
        assertEquals(-1.0, slice.doubleColumn("mjd").get(0));
    }

    @Test
    void differentTypesAreRefused() {
        Table a = Table.create("a", DoubleColumn.create("x", 1.0)), b = Table.create("b", FloatColumn.create("x", 1f));
        assertThrows(IllegalArgumentException.class, () -> TableSlices.concat(a, b));
    }
}
