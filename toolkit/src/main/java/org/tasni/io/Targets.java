package org.tasni.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tasni.TasniException;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A target list ({@code designation}, {@code ra}, {@code dec} in degrees) checked once, the same way wherever targets
 * come in (NEOWISE epochs to download, light curves to simulate).
 *
 * <p>A target without a designation ({@code MISSING_ID}), with a NaN or infinite position ({@code NONFINITE_POSITION}),
 * with ra outside [0, 360] or dec outside [-90, 90] ({@code POSITION_OUT_OF_RANGE}; never wrapped or mirrored: a dec of
 * 95 is a mistake, not a position), or with the designation of an earlier target ({@code DUPLICATE}: its epochs would
 * come twice) is left out and counted in {@link #dropped()}. A column with no usable value at all, or one whose values
 * are mostly out of range (ra and dec swapped?), is refused with its file, column and first bad data row (1-based).
 *
 * @param name        the table's name (its file), for messages
 * @param given       rows given
 * @param designation the kept targets' designations (an integer id as its exact digits)
 * @param ra          the kept targets' ra, degrees
 * @param dec         the kept targets' dec, degrees
 * @param rows        the kept targets' rows in the given table (0-based, in order)
 * @param dropped     rows left out, by reason (non-zero reasons only)
 */
public record Targets(String name, int given, String[] designation, double[] ra, double[] dec, int[] rows,
        Map<DropReason, Long> dropped) {

    /** Checks {@code t} (see the class comment): bad rows are left out and counted, a column wrong as a whole is refused. */
    public static Targets check(Table t) {
        String name = t.name() == null || t.name().isBlank() ? "the targets" : t.name();
        int n = t.rowCount();
        String[] des = designations(t);
        double[] ra = Columns.doubles(t, "ra"), dec = Columns.doubles(t, "dec");
        if (n > 0) {
            int named = 0;
            for (String d : des) {
                named += d != null ? 1 : 0;
            }
            if (named == 0) {
                throw new TasniException(name + ": column 'designation' is empty in every row (data row 1 has none); each "
                        + "target needs a designation to label its epochs.");
            }
            refuseColumn(name, "ra", ra, 0, 360);
            refuseColumn(name, "dec", dec, -90, 90);
        }
        DropCounts dropped = new DropCounts();
        Map<String, Integer> first = new HashMap<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DropReason why = des[i] == null ? DropReason.MISSING_ID : DropReason.ofPosition(ra[i], dec[i]);
            if (why != null) {
                dropped.add(why);
            } else if (first.putIfAbsent(des[i], i) != null) {
                dropped.add(DropReason.DUPLICATE); // the same designation again would get every epoch twice
            } else {
                keep.add(i);
            }
        }
        int k = keep.size();
        String[] kd = new String[k];
        double[] kr = new double[k], kdec = new double[k];
        int[] rows = new int[k];
        for (int j = 0; j < k; j++) {
            int i = keep.get(j);
            rows[j] = i;
            kd[j] = des[i];
            kr[j] = ra[i];
            kdec[j] = dec[i];
        }
        return new Targets(name, n, kd, kr, kdec, rows, dropped.snapshot());
    }

    /** Targets kept. */
    public int kept() {
        return designation.length;
    }

    /** The rows left out as counts (for a summary line and {@code --stats-json}). */
    public DropCounts dropCounts() {
        DropCounts d = new DropCounts();
        dropped.forEach(d::add);
        return d;
    }

    /** The designations as text (an integer id exactly, never through a double); null where there is none. */
    private static String[] designations(Table t) {
        Column<?> c = Columns.require(t, "designation");
        String[] out = new String[t.rowCount()];
        if (c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn) {
            long[] v = c instanceof LongColumn l ? l.asLongArray() : null;
            for (int i = 0; i < out.length; i++) {
                out[i] = c.isMissing(i) ? null : v != null ? Long.toString(v[i]) : Long.toString((long) ((NumericColumn<?>) c).getDouble(i));
            }
            return out;
        }
        StringColumn s = Columns.strings(t, "designation");
        for (int i = 0; i < out.length; i++) {
            String d = s.get(i);
            out[i] = d == null || d.isBlank() ? null : d;
        }
        return out;
    }

    /**
     * Refuses a position column with no usable value, or with most values finite but outside [lo, hi]: that is the
     * whole column wrong (another unit, ra and dec swapped), not a few bad rows to leave out.
     */
    private static void refuseColumn(String name, String column, double[] v, double lo, double hi) {
        int usable = 0, outside = 0, firstBad = -1;
        for (int i = 0; i < v.length; i++) {
            boolean finite = Double.isFinite(v[i]);
            if (finite && v[i] >= lo && v[i] <= hi) {
                usable++;
            } else {
                outside += finite ? 1 : 0;
                firstBad = firstBad < 0 ? i : firstBad;
            }
        }
        if (usable == 0 || 2 * outside > v.length) {
            throw new TasniException(String.format(Locale.ROOT, "%s: column '%s' has %s (data row %d: %s); expected "
                    + "degrees in [%d, %d]%s.", name, column, usable == 0 ? "no usable value"
                            : outside + " of " + v.length + " values out of range", firstBad + 1, v[firstBad],
                    (long) lo, (long) hi, column.equals("dec") && usable > 0 ? " (are ra and dec swapped?)" : ""));
        }
    }
}
