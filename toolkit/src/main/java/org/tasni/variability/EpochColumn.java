package org.tasni.variability;

import org.tasni.io.Columns;
import org.tasni.io.DropReason;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One band column of the epochs (a magnitude or its error), read in place from the input table, never copied: a FLOAT
 * column (NEOWISE's Parquet and IRSA's tables store w1mpro … as 4-byte floats) or a DOUBLE one as it is, any other
 * numeric column through one double copy. Why not a copy of each: at 30M rows the four band columns are 480 MB that
 * would be allocated, zeroed and written on every call, and on a first call each of their pages faulted in (together
 * a quarter of the statistics' time, measured).
 *
 * <p>{@link #get} gives the value every method computes with: a float widened exactly, and NaN for a value that is
 * not usable as what the column holds: ±Infinity (which would turn a whole light curve's mean, RMS and trend into
 * NaN or infinity), and for a magnitude a finite value outside [{@link DropReason#MAG_MIN}, {@link DropReason#MAG_MAX}]
 * (a 99 or 1e300 sentinel), which {@link #outOfRange} tells apart for the counts. The input table is not changed.
 */
final class EpochColumn {

    /** The input column when it is FLOAT, else null. */
    private final FloatColumn floats;
    /** The input column when it is DOUBLE, or a double copy of any other numeric column; null for a FLOAT one. */
    private final DoubleColumn doubles;
    /** The usable values: NaN and what lies outside [lo, hi] (±Infinity always does) read as NaN. */
    private final double lo, hi;

    private EpochColumn(Table t, String name, double lo, double hi) {
        Column<?> c = Columns.require(t, name);
        if (c instanceof FloatColumn f) {
            floats = f;
            doubles = null;
        } else {
            floats = null;
            // any other numeric type through Columns.doubles, which also names a column of the wrong type
            doubles = c instanceof DoubleColumn d ? d : DoubleColumn.create(name, Columns.doubles(t, name));
        }
        this.lo = lo;
        this.hi = hi;
    }

    /** The magnitude column {@code name} of t: a finite value outside the accepted magnitudes is not usable. */
    static EpochColumn magnitude(Table t, String name) {
        return new EpochColumn(t, name, DropReason.MAG_MIN, DropReason.MAG_MAX);
    }

    /** The error column {@code name} of t: ±Infinity is not usable (an error ≤ 0 is judged by the statistics). */
    static EpochColumn error(Table t, String name) {
        return new EpochColumn(t, name, -Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** Row i as a double (a float widened exactly), NaN where it is not usable (see the class comment). */
    double get(int i) {
        double v = raw(i);
        return v >= lo && v <= hi ? v : Double.NaN;
    }

    /** Whether row i is finite but outside the accepted span (a magnitude sentinel), so that {@link #get} gives NaN. */
    boolean outOfRange(int i) {
        double v = raw(i);
        return Double.isFinite(v) && !(v >= lo && v <= hi);
    }

    private double raw(int i) {
        return floats != null ? floats.getFloat(i) : doubles.getDouble(i);
    }
}
