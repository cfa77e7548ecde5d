package org.tasni.crossmatch;

import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What the three output tables share: id columns copied exactly, and result columns that must not clash. Public for
 * the Spark module, which assembles pairs found in partitions with the same exact id copy.
 */
public final class OutputColumns {

    private OutputColumns() {}

    /**
     * The table's name for messages: its file as the readers set it, or "left table"/"table" when it has none. A
     * result read back keeps its result name ("nearest", "orphans"), which is said to be a table, not taken for a file.
     */
    static String label(Table t) {
        String n = t.name();
        if (n == null || n.isBlank()) {
            return "table";
        }
        return n.contains(".") || n.contains("/") ? n : "table '" + n + "'";
    }

    /** Refuses a table that already has a column the result adds, before anything is matched. */
    static void requireFree(Table t, String... names) {
        for (String n : names) {
            if (t.containsColumn(n)) {
                throw new TasniException(label(t) + ": already has a column '" + n
                        + "'; rename it before matching so the result's column is unambiguous.");
            }
        }
    }

    /**
     * The id column {@code name} of {@code t}, refused where it is missing (listing the columns there are) or is neither
     * an integer nor a string: a table's, or a Parquet file's schema (an empty table of the file's columns).
     */
    static Column<?> requireId(Table t, String name) {
        Column<?> c = Columns.require(t, name);
        requireIdType(t, c);
        return c;
    }

    /** Refuses an id column that is neither an integer nor a string, before the match rather than after it. */
    static void requireIdType(Table t, Column<?> c) {
        if (!isId(c)) {
            throw new TasniException(label(t) + ": column '" + c.name() + "' has type " + c.type().name()
                    + "; an id column must be an integer or a string.");
        }
    }

    private static boolean isId(Column<?> c) {
        return c instanceof StringColumn || c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn;
    }

    /**
     * A column of ids taken from {@code source} at {@code rows} (missing for −1). Integer ids are copied as longs,
     * never through a double: a Gaia source_id has 19 digits and a double keeps only about 16.
     */
    public static Column<?> ids(String name, Column<?> source, int[] rows) {
        if (source instanceof StringColumn s) {
            String[] v = new String[rows.length];
            for (int k = 0; k < rows.length; k++) {
                v[k] = rows[k] < 0 ? "" : s.get(rows[k]);
            }
            return StringColumn.create(name, v);
        }
        if (isId(source)) {
            long[] v = new long[rows.length];
            for (int k = 0; k < rows.length; k++) {
                v[k] = rows[k] < 0 || source.isMissing(rows[k]) ? Long.MIN_VALUE /* Tablesaw's missing long */
                        : exactLong(source, rows[k]);
            }
            return LongColumn.create(name, v);
        }
        throw new TasniException("column '" + source.name() + "' has type " + source.type().name()
                + "; an id column must be an integer or a string.");
    }

    private static long exactLong(Column<?> c, int row) {
        if (c instanceof LongColumn l) {
            return l.getLong(row);
        } else if (c instanceof IntColumn i) {
            return i.getInt(row);
        }
        return ((ShortColumn) c).getShort(row);
    }
}
