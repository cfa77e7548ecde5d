package org.tasni.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Which tables {@link ParquetPlainWriter} takes: those whose every column parquet-java's {@link ParquetColumnWriter}
 * would write PLAIN, without nulls, in one row group of full 20,000-row pages (the rules are listed on
 * {@link ParquetPlainWriter}), with each column's values ready for {@link ParquetPlainChunk}.
 *
 * @param kinds  each column's kind
 * @param names  each column's name
 * @param values each column's values: the column's own array, read in place (indexed by table row; it may be longer
 *               than the table), or for strings their UTF-8 in output order
 * @param count  the number of rows written
 */
record ParquetPlainColumns(Kind[] kinds, String[] names, Object[] values, int count) {
    private static final int MAX_STRING_BYTES = 64;
    private static final long MAX_STRING_PAGE_BYTES = 512 * 1024;
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * The columns of rows {@code rows} of {@code table} (every row if null), or null when parquet-java might write
     * them otherwise than PLAIN in one group of full pages.
     */
    static ParquetPlainColumns of(Table table, int[] rows) {
        int n = rows == null ? table.rowCount() : rows.length;
        int cols = table.columnCount();
        if (n == 0 || cols == 0) {
            return null;
        }
        Kind[] kinds = new Kind[cols];
        String[] names = new String[cols];
        Object[] values = new Object[cols];
        long bytes = 0;
        for (int k = 0; k < cols; k++) {
            Column<?> c = table.column(k);
            names[k] = c.name();
            Object v;
            if (c instanceof DoubleColumn d) {
                kinds[k] = Kind.DOUBLE;
                v = ParquetColumnWriter.mostlyDistinct(c) ? plainDoubles(WrappedColumns.elements(d), rows, n) : null;
                bytes += 8L * n;
            } else if (c instanceof FloatColumn f) {
                kinds[k] = Kind.FLOAT;
                v = ParquetColumnWriter.mostlyDistinct(c) ? plainFloats(WrappedColumns.elements(f), rows, n) : null;
                bytes += 4L * n;
            } else if (c instanceof LongColumn l) {
                kinds[k] = Kind.LONG;
                v = plainLongs(WrappedColumns.elements(l), rows, n);
                bytes += 8L * n;
            } else if (c instanceof IntColumn i) {
                kinds[k] = Kind.INT;
                v = plainInts(WrappedColumns.elements(i), rows, n);
                bytes += 4L * n;
            } else if (c instanceof StringColumn s) {
                kinds[k] = Kind.STRING;
                byte[][] utf8 = ParquetColumnWriter.mostlyDistinct(c) ? plainStrings(s, rows, n) : null;
                for (int j = 0; utf8 != null && j < n; j++) {
                    bytes += 4 + utf8[j].length;
                }
                v = utf8;
            } else {
                return null;
            }
            if (v == null || bytes > MAX_BYTES) {
                return null;
            }
            values[k] = v;
        }
        return new ParquetPlainColumns(kinds, names, values, n);
    }

    private static Object plainDoubles(double[] a, int[] rows, int n) {
        for (int j = 0; j < n; j++) {
            double v = a[rows == null ? j : rows[j]];
            if (Double.isNaN(v) || v == 0) {
                return null;
            }
        }
        return a;
    }

    private static Object plainFloats(float[] a, int[] rows, int n) {
        for (int j = 0; j < n; j++) {
            float v = a[rows == null ? j : rows[j]];
            if (Float.isNaN(v) || v == 0) {
                return null;
            }
        }
        return a;
    }

    /** The values if none is missing and the first page's are all distinct (parquet-java then drops its dictionary). */
    private static Object plainLongs(long[] a, int[] rows, int n) {
        long[] first = new long[Math.min(n, ParquetPlainChunk.PAGE_ROWS)];
        for (int j = 0; j < n; j++) {
            long v = a[rows == null ? j : rows[j]];
            if (v == Long.MIN_VALUE) {
                return null;
            }
            if (j < first.length) {
                first[j] = v;
            }
        }
        return allDistinct(first) ? a : null;
    }

    /** As {@link #plainLongs}, for ints (the first page's values widened, which keeps them distinct or not). */
    private static Object plainInts(int[] a, int[] rows, int n) {
        long[] first = new long[Math.min(n, ParquetPlainChunk.PAGE_ROWS)];
        for (int j = 0; j < n; j++) {
            int v = a[rows == null ? j : rows[j]];
            if (v == Integer.MIN_VALUE) {
                return null;
            }
            if (j < first.length) {
                first[j] = v;
            }
        }
        return allDistinct(first) ? a : null;
    }

    /** Whether no two values are equal; sorts {@code values}. */
    private static boolean allDistinct(long[] values) {
        Arrays.sort(values);
        for (int j = 1; j < values.length; j++) {
            if (values[j] == values[j - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The strings' UTF-8 in output order, if none is empty or over 64 bytes and no page is over 512 KB. */
    private static byte[][] plainStrings(StringColumn s, int[] rows, int n) {
        byte[][] out = new byte[n][];
        long page = 0;
        // a column read from Parquet and not changed since: its values' bytes copied, without a String each
        DeferredDictionary read = s.getDictionary() instanceof DeferredDictionary d ? d : null;
        for (int j = 0; j < n; j++) {
            int row = rows == null ? j : rows[j];
            byte[] b = read == null ? null : read.utf8(row);
            if (b == null) {
                b = s.get(row).getBytes(StandardCharsets.UTF_8);
            }
            if (b.length == 0 || b.length > MAX_STRING_BYTES) {
                return null;
            }
            out[j] = b;
            page = j % ParquetPlainChunk.PAGE_ROWS == 0 ? 4 + b.length : page + 4 + b.length;
            if (page > MAX_STRING_PAGE_BYTES) {
                return null;
            }
        }
        return out;
    }
}
