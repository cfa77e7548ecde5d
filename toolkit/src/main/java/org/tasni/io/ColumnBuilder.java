package org.tasni.io;

import java.util.Arrays;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Collects the values of one column into a primitive array while a file is read, then hands it to Tablesaw without
 * boxing. Missing values use Tablesaw's own markers: NaN for floating point, MIN_VALUE for integers, "" for strings.
 */
final class ColumnBuilder {

    final String file;
    final String name;
    final Kind kind;
    private int n;
    private double[] d;
    private float[] f;
    private long[] l;
    private int[] i;
    private short[] s;
    private byte[] b;
    private String[] str;

    ColumnBuilder(String name, Kind kind, int capacity) {
        this("table", name, kind, capacity);
    }

    /** A builder whose errors name {@code file} (the table's file name) and the column. */
    ColumnBuilder(String file, String name, Kind kind, int capacity) {
        this.file = file;
        this.name = name;
        this.kind = kind;
        int cap = Math.max(16, capacity);
        switch (kind) {
            case DOUBLE -> d = new double[cap];
            case FLOAT -> f = new float[cap];
            case LONG -> l = new long[cap];
            case INT -> i = new int[cap];
            case SHORT -> s = new short[cap];
            case BOOLEAN -> b = new byte[cap];
            case STRING -> str = new String[cap];
        }
    }

    int size() {
        return n;
    }

    private void grow() {
        int cap = Math.max(16, n * 2);
        switch (kind) {
            case DOUBLE -> d = Arrays.copyOf(d, cap);
            case FLOAT -> f = Arrays.copyOf(f, cap);
            case LONG -> l = Arrays.copyOf(l, cap);
            case INT -> i = Arrays.copyOf(i, cap);
            case SHORT -> s = Arrays.copyOf(s, cap);
            case BOOLEAN -> b = Arrays.copyOf(b, cap);
            case STRING -> str = Arrays.copyOf(str, cap);
        }
    }

    private boolean full() {
        return switch (kind) {
            case DOUBLE -> n == d.length;
            case FLOAT -> n == f.length;
            case LONG -> n == l.length;
            case INT -> n == i.length;
            case SHORT -> n == s.length;
            case BOOLEAN -> n == b.length;
            case STRING -> n == str.length;
        };
    }

    void addDouble(double v) {
        if (full()) {
            grow();
        }
        switch (kind) {
            case DOUBLE -> d[n] = v;
            case FLOAT -> f[n] = (float) v;
            default -> throw new IllegalStateException(kind + " column " + name + " given a double");
        }
        n++;
    }

    void addFloat(float v) {
        if (kind == Kind.FLOAT) {
            if (full()) {
                grow();
            }
            f[n++] = v;
        } else {
            addDouble(v);
        }
    }

    /** The refusal of value {@code v} of {@code column}, data row {@code row} (from 1): its kind's missing marker. */
    static TasniException markerRefused(String file, String column, Kind kind, long v, long row) {
        return new TasniException(file + ": column '" + column + "' holds " + v + " at data row " + row
                + ", " + kind.markerReason() + ".");
    }

    void addLong(long v) {
        if (full()) {
            grow();
        }
        if (kind.isMarker(v)) {
            // storing it would turn a value into "missing"
            throw markerRefused(file, name, kind, v, n + 1);
        }
        switch (kind) {
            case LONG -> l[n] = v;
            case INT -> i[n] = (int) v;
            case SHORT -> s[n] = (short) v;
            case DOUBLE -> d[n] = v;
            case FLOAT -> f[n] = v;
            default -> throw new IllegalStateException(kind + " column " + name + " given an integer");
        }
        n++;
    }

    void addBoolean(boolean v) {
        if (full()) {
            grow();
        }
        b[n++] = (byte) (v ? 1 : 0);
    }

    void addString(String v) {
        if (full()) {
            grow();
        }
        str[n++] = v == null ? "" : v;
    }

    void addMissing() {
        if (full()) {
            grow();
        }
        switch (kind) {
            case DOUBLE -> d[n] = Double.NaN;
            case FLOAT -> f[n] = Float.NaN;
            case LONG -> l[n] = Long.MIN_VALUE;
            case INT -> i[n] = Integer.MIN_VALUE;
            case SHORT -> s[n] = Short.MIN_VALUE;
            case BOOLEAN -> b[n] = -1;
            case STRING -> str[n] = "";
        }
        n++;
    }

    Column<?> build() {
        return switch (kind) {
            case DOUBLE -> DoubleColumn.create(name, Arrays.copyOf(d, n));
            case FLOAT -> FloatColumn.create(name, Arrays.copyOf(f, n));
            case LONG -> LongColumn.create(name, Arrays.copyOf(l, n));
            case INT -> IntColumn.create(name, Arrays.copyOf(i, n));
            case SHORT -> ShortColumn.create(name, Arrays.copyOf(s, n));
            case BOOLEAN -> {
                BooleanColumn c = BooleanColumn.create(name, n);
                for (int k = 0; k < n; k++) {
                    if (b[k] < 0) {
                        c.setMissing(k);
                    } else {
                        c.set(k, b[k] == 1);
                    }
                }
                yield c;
            }
            case STRING -> StringColumn.create(name, Arrays.copyOf(str, n));
        };
    }
}
