package org.tasni.io;

import java.util.List;
import java.util.stream.Collectors;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
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
            throw missing(table, name);
        }
        return table.column(name);
    }

    /** The refusal of a column {@code name} that {@code table} lacks, listing the columns it has. */
    static TasniException missing(Table table, String name) {
        return new TasniException(label(table) + ": no column '" + name + "' (columns: " + list(table) + ").");
    }

    /**
     * A numeric column as doubles (missing values as NaN). A string column with no rows (a header-only CSV, whose
     * columns have no cell to type them) is an empty array. Any other string column is refused; when most of its cells
     * are numbers (a plain CSV column with a stray word) the error names the first cell that is not one.
     */
    public static double[] doubles(Table table, String name) {
        Column<?> c = require(table, name);
        if (c instanceof StringColumn && c.isEmpty()) {
            return new double[0]; // a header-only CSV: no cell is wrong, so the file is just an empty input
        }
        if (!(c instanceof NumericColumn<?> n)) {
            throw notNumbers(table, c);
        }
        return n.asDoubleArray();
    }

    /**
     * The refusal of column {@code c} of {@code table}, which should hold numbers: its type and, where most of its cells
     * are numbers (a plain CSV column with a stray word), the first cell that is not one.
     */
    public static TasniException notNumbers(Table table, Column<?> c) {
        String cell = c instanceof StringColumn s ? firstNonNumber(s) : "";
        return new TasniException(wrongType(table, c, "a number").getMessage() + cell);
    }

    /**
     * As {@link #doubles}, but a double column's values are the column's own array where it holds exactly the column's
     * rows (a column the Parquet reader made, see {@link WrappedColumns}), not a copy: only to read from, since a write
     * would change the table. The crossmatch reads its four position columns so: their copies were 38 MB of fresh
     * memory at 694,718 × 1,692,773 rows, which this machine's hypervisor makes slow to touch for the first time.
     */
    public static double[] readOnlyDoubles(Table table, String name) {
        if (require(table, name) instanceof DoubleColumn d) {
            double[] own = WrappedColumns.elements(d);
            if (own.length == d.size()) {
                return own;
            }
        }
        return doubles(table, name);
    }

    /**
     * The string column whose row r is {@code values[codes[r]]}, for the first {@code rows} codes, built without a
     * hash lookup per row ({@link StringDictionaries}): a computed column such as one designation per source, each
     * distinct, or a flag of a few values. Tablesaw's {@code StringColumn.create} looks every row up in a hash map.
     * The column takes {@code codes} over: the caller no longer reads or writes them.
     */
    public static StringColumn fromCodes(String name, int[] codes, int rows, String[] values) {
        return StringDictionaries.column(name, codes, rows, values, values.length);
    }

    /**
     * An integer column (short, int or long) as longs, copied exactly (never through a double, so 64-bit ids keep
     * every digit); missing values are an error naming the row. A string column with no rows is an empty array.
     */
    public static long[] longs(Table table, String name) {
        Column<?> c = require(table, name);
        if (c instanceof StringColumn && c.isEmpty()) {
            return new long[0]; // a header-only CSV: no cell is wrong, so the file is just an empty input
        }
        if (!(c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn)) {
            TasniException e = wrongType(table, c, "an integer");
            if (c instanceof StringColumn s) {
                throw new TasniException(e.getMessage() + firstNonNumber(s));
            }
            throw e;
        }
        long[] out = new long[c.size()];
        for (int i = 0; i < out.length; i++) {
            if (c.isMissing(i)) {
                throw new TasniException(label(table) + ": column '" + name + "' is empty at data row " + (i + 1)
                        + " (counted from 1, the header not counted); expected an integer.");
            }
            if (c instanceof LongColumn l) {
                out[i] = l.getLong(i);
            } else if (c instanceof IntColumn k) {
                out[i] = k.getInt(i);
            } else {
                out[i] = ((ShortColumn) c).getShort(i);
            }
        }
        return out;
    }

    /** " Data row N holds 'x', which is not a number." for the first such cell among mostly-number cells, else "". */
    private static String firstNonNumber(StringColumn s) {
        int numbers = 0, first = -1;
        for (int i = 0; i < s.size(); i++) {
            String v = s.get(i);
            if (v.isEmpty()) {
                continue;
            }
            if (CsvToken.numberOrMissing(v)) {
                numbers++;
            } else if (first < 0) {
                first = i;
            }
        }
        if (first < 0 || numbers == 0) {
            return "";
        }
        String v = s.get(first);
        return " Data row " + (first + 1) + " (counted from 1, the header not counted) holds '"
                + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "' among " + numbers
                + " numbers; fix that cell so the column reads as numbers.";
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
        return new TasniException(label(table) + ": column '" + c.name() + "' has type " + c.type().name()
                + "; expected " + expected + ".");
    }

    /** The table's name (its file's, for a table read by {@link TableIO}), or "table" when it has none. */
    public static String label(Table table) {
        String n = table.name();
        return n == null || n.isBlank() ? "table" : n;
    }

    static String list(Table table) {
        List<String> names = table.columnNames();
        String s = names.stream().limit(20).collect(Collectors.joining(", "));
        return names.size() > 20 ? s + ", … (" + names.size() + " in all)" : s;
    }
}
