package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Row-for-row comparison of two tables: same columns in the same order, same types, same values (ids exactly). */
final class Tables {

    private Tables() {}

    static void assertSameRows(Table expected, Table actual) {
        assertNotNull(actual, "no output");
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount(), "rows");
        for (int c = 0; c < expected.columnCount(); c++) {
            Column<?> e = expected.column(c), a = actual.column(c);
            assertEquals(e.type(), a.type(), "type of " + e.name());
            for (int i = 0; i < expected.rowCount(); i++) {
                Object ev = e.get(i), av = a.get(i);
                if (!java.util.Objects.equals(ev, av)) {
                    fail("column " + e.name() + ", row " + i + ": expected " + ev + " but was " + av);
                }
            }
        }
    }
}
