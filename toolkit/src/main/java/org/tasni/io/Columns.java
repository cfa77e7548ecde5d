package org.tasni.io;

import java.util.List;
import java.util.stream.Collectors;
import org.tasni.TasniException;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Takes columns out of a table as primitive arrays, with errors that name the table (its file) and the column.
 *
 * <p>Every stage reads its inputs through these, once, before its hot loops. Missing numeric values become NaN.
 */
public final class Columns {

    private Columns() {}

    /** The column, or an error listing the columns that do exist. */
    public static Column<?> require(Table table, String name) {
        if (!table.containsColumn(name)) {
            throw new TasniException(table.name() + ": no column '" + name + "' (columns: " + list(table) + ").");
        }
        return table.column(name);
    }

    /** A numeric column as doubles (missing values as NaN). */
    public static double[] doubles(Table table, String name) {
        Column<?> c = require(table, name);
        if (!(c instanceof NumericColumn<?> n)) {
            throw wrongType(table, c, "a number");
        }
        return n.asDoubleArray();
    }

    /** An integer column (short, int or long) as longs; missing values are an error naming the row. */
    public static long[] longs(Table table, String name) {
        Column<?> c = require(table, name);
        if (!(c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn)) {
            throw wrongType(table, c, "an integer");
        }
        long[] out = new long[c.size()];
        NumericColumn<?> n = (NumericColumn<?>) c;
        for (int i = 0; i < out.length; i++) {
            if (n.isMissing(i)) {
                throw new TasniException(table.name() + " row " + i + ": column '" + name + "' is empty; expected an integer.");
            }
            out[i] = (long) n.getDouble(i);
        }
        return out;
    }

    /** A string column. */
    public static StringColumn strings(Table table, String name) {
        Column<?> c = require(table, name);
        if (!(c instanceof StringColumn s)) {
            throw wrongType(table, c, "a string");
        }
        return s;
    }

    private static TasniException wrongType(Table table, Column<?> c, String expected) {
        return new TasniException(table.name() + ": column '" + c.name() + "' has type " + c.type().name()
                + "; expected " + expected + ".");
    }

    static String list(Table table) {
        List<String> names = table.columnNames();
        String s = names.stream().limit(20).collect(Collectors.joining(", "));
        return names.size() > 20 ? s + ", … (" + names.size() + " in all)" : s;
    }
}
