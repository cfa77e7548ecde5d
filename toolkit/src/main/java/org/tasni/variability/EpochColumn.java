package org.tasni.variability;

import org.tasni.io.Columns;
import org.tasni.io.DropReason;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One numeric column of the epochs (the mjd, a band's magnitude or its error), read in place from the input table,
 * never copied: a FLOAT column (NEOWISE's Parquet and IRSA's tables store w1mpro … as 4-byte floats) or a DOUBLE one as
 * it is, any other numeric column through one double copy. Why not a copy of each: at 30M rows the mjd and the four band
 * columns are 720 MB that would be allocated, zeroed and written on every call, and on a first call each of their pages
 * faulted in (0.3–0.5 s of a 1.7–2.0 s call at 100,000 sources × 300 epochs, 2 threads, measured).
 *
 * <p>{@link #get} gives the value every method computes with: a float widened exactly, and NaN for a value that is
 * not usable as what the column holds: ±Infinity (which would turn a whole light curve's mean, RMS and trend into
 * NaN or infinity), and for a magnitude a finite value outside [{@link DropReason#MAG_MIN}, {@link DropReason#MAG_MAX}]
 * (a 99 or 1e300 sentinel), which {@link #outOfRange} tells apart for the counts. The input table is not changed.
 *
 * <p>One subclass per storage type, each with its own {@link #get}, not one class that tests the type in every call:
 * HotSpot profiles a virtual call per call site, so a loop that reads the DOUBLE mjd and FLOAT bands inlines each
 * read for its own column's type; a shared type test was profiled as taken both ways, and on a first call the
 * compiled loops were thrown away and compiled again when the mjd's reads came in (first statistics call 4.4 s
 * against 2.1 s, 100k sources × 300 epochs).
 */
abstract sealed class EpochColumn permits EpochColumn.Floats, EpochColumn.Doubles {

    /** The usable values: NaN and what lies outside [lo, hi] (±Infinity always does) read as NaN. */
    final double lo, hi;
    /** The table's row of row 0 here, and the rows here: rows [from, from + size) of the table. */
    final int from, size;

    private EpochColumn(double lo, double hi, int from, int size) {
        this.lo = lo;
        this.hi = hi;
        this.from = from;
        this.size = size;
    }

    private static EpochColumn of(Table t, String name, double lo, double hi, RowRange rows) {
        Column<?> c = Columns.require(t, name);
        if (c instanceof FloatColumn f) {
            return new Floats(f, lo, hi, rows);
        }
        // any other numeric type through Columns.doubles, which also names a column of the wrong type
        return new Doubles(c instanceof DoubleColumn d ? d : DoubleColumn.create(name, Columns.doubles(t, name)), lo, hi, rows);
    }

    /** The magnitude column {@code name} of t's rows: a finite value outside the accepted magnitudes is not usable. */
    static EpochColumn magnitude(Table t, String name, RowRange rows) {
        return of(t, name, DropReason.MAG_MIN, DropReason.MAG_MAX, rows);
    }

    /** The error column {@code name} of t's rows: ±Infinity is not usable (an error ≤ 0 is judged by the statistics). */
    static EpochColumn error(Table t, String name, RowRange rows) {
        return of(t, name, -Double.MAX_VALUE, Double.MAX_VALUE, rows);
    }

    /**
     * The time column {@code name} of t's rows, always read as a double (a float mjd widens exactly); ±Infinity reads
     * as NaN, and {@link Epochs} drops both as a non-finite mjd.
     */
    static EpochColumn time(Table t, String name, RowRange rows) {
        return error(t, name, rows);
    }

    /** Row i (of the rows read, from 0) as a double (a float widened exactly), NaN where it is not usable (see the class comment). */
    abstract double get(int i);

    /** Row i as the input has it. */
    abstract double raw(int i);

    /** Rows. */
    final int size() {
        return size;
    }

    /** Whether row i is finite but outside the accepted span (a magnitude sentinel), so that {@link #get} gives NaN. */
    boolean outOfRange(int i) {
        double v = raw(i);
        return Double.isFinite(v) && !(v >= lo && v <= hi);
    }

    /** A FLOAT input column. */
    static final class Floats extends EpochColumn {
        private final FloatColumn c;

        private Floats(FloatColumn c, double lo, double hi, RowRange rows) {
            super(lo, hi, rows.from(), rows.size());
            this.c = c;
        }

        @Override
        double get(int i) {
            double v = c.getFloat(from + i);
            return v >= lo && v <= hi ? v : Double.NaN;
        }

        @Override
        double raw(int i) {
            return c.getFloat(from + i);
        }
    }

    /** A DOUBLE input column, or a double copy of another numeric one. */
    static final class Doubles extends EpochColumn {
        private final DoubleColumn c;

        private Doubles(DoubleColumn c, double lo, double hi, RowRange rows) {
            super(lo, hi, rows.from(), rows.size());
            this.c = c;
        }

        @Override
        double get(int i) {
            double v = c.getDouble(from + i);
            return v >= lo && v <= hi ? v : Double.NaN;
        }

        @Override
        double raw(int i) {
            return c.getDouble(from + i);
        }
    }
}
