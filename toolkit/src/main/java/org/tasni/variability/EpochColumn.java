package org.tasni.variability;

import org.tasni.io.Columns;
import org.tasni.io.DropReason;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One band column of the epochs (a magnitude or its error), per input row, kept as the input had it: float for a FLOAT
 * column (NEOWISE's Parquet and IRSA's tables store w1mpro … as 4-byte floats), double for anything else (CSV). Why
 * not always double: at 30M rows the four band columns as floats take 480 MB less, and a first call touches (page
 * faults) half the memory. {@link #get} widens a float exactly (NaN stays NaN), so every statistic sees the same double
 * values, to the bit, as from a double copy.
 */
final class EpochColumn {

    /** The values when the input column is FLOAT, else null. */
    private final float[] floats;
    /** The values otherwise, else null. */
    private final double[] doubles;
    /** Reads rows [from, to) of the input into the values; called once per range, on the analyzer's threads. */
    private final Reader reader;

    @FunctionalInterface
    private interface Reader {
        void read(int from, int to);
    }

    /**
     * The column {@code name} of t: a float or double column read directly, any other numeric one through
     * {@link Columns#doubles}, which also names a wrong column. Nothing is read until {@link #read}.
     */
    EpochColumn(Table t, String name) {
        Column<?> c = Columns.require(t, name);
        int rows = t.rowCount();
        if (c instanceof FloatColumn f) {
            floats = new float[rows];
            doubles = null;
            float[] into = floats;
            reader = (from, to) -> {
                for (int i = from; i < to; i++) {
                    into[i] = f.getFloat(i);
                }
            };
        } else if (c instanceof DoubleColumn d) {
            floats = null;
            doubles = new double[rows];
            double[] into = doubles;
            reader = (from, to) -> {
                for (int i = from; i < to; i++) {
                    into[i] = d.getDouble(i);
                }
            };
        } else {
            floats = null;
            doubles = Columns.doubles(t, name); // read whole here: it is a copy already
            reader = (from, to) -> {};
        }
    }

    /** Row i, as a double (a float widened exactly). */
    double get(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    /** Reads rows [from, to) of the input column. */
    void read(int from, int to) {
        reader.read(from, to);
    }

    /**
     * For a magnitude, rows [from, to): ±Infinity to NaN; a finite magnitude outside [{@link DropReason#MAG_MIN},
     * {@link DropReason#MAG_MAX}] to NaN, and marked in outOfRange. The bounds compare with the widened value, so a
     * float row is judged as its double would be.
     */
    void magnitudes(boolean[] outOfRange, int from, int to) {
        if (floats != null) {
            float[] m = floats;
            for (int i = from; i < to; i++) {
                float v = m[i];
                if (Float.isInfinite(v)) {
                    m[i] = Float.NaN;
                } else if (v < DropReason.MAG_MIN || v > DropReason.MAG_MAX) {
                    outOfRange[i] = true;
                    m[i] = Float.NaN;
                }
            }
            return;
        }
        double[] m = doubles;
        for (int i = from; i < to; i++) {
            double v = m[i];
            if (Double.isInfinite(v)) {
                m[i] = Double.NaN;
            } else if (v < DropReason.MAG_MIN || v > DropReason.MAG_MAX) {
                outOfRange[i] = true;
                m[i] = Double.NaN;
            }
        }
    }

    /** For an error, rows [from, to): ±Infinity to NaN. */
    void errors(int from, int to) {
        if (floats != null) {
            float[] s = floats;
            for (int i = from; i < to; i++) {
                if (Float.isInfinite(s[i])) {
                    s[i] = Float.NaN;
                }
            }
            return;
        }
        double[] s = doubles;
        for (int i = from; i < to; i++) {
            if (Double.isInfinite(s[i])) {
                s[i] = Double.NaN;
            }
        }
    }
}
