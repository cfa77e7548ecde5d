package org.tasni.crossmatch;

import java.util.Arrays;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.sky.ProperMotion;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Both sides of a match read into primitive arrays and checked: positions (the right one propagated), the rows with a
 * usable position, the right ids, and what was dropped or left unmoved, by reason.
 *
 * <p>A row with a NaN or infinite ra/dec, or a dec outside [−90, 90] or an ra outside [0, 360], is left out and
 * counted: one bad row should not stop a catalogue of millions. When no row of a side has a usable position, the column
 * is wrong for the whole input (another column, another unit): refused, naming the table, the column and a row. A right
 * row with NaN proper motion stays where it was measured and is counted as unmoved; one faster than
 * {@link CrossMatcher#MAX_PROPER_MOTION_MAS_YR} (or infinite) is dropped. Where the mode names right sources, a
 * right row without an id is dropped and counted too ({@link #identified}).
 */
final class MatchInput {

    /**
     * Positions, degrees, by table row: maybe the tables' own arrays ({@link Columns#readOnlyDoubles}), never written.
     */
    final double[] lra, ldec, rra, rdec;
    /** The left and right rows that take part in the match, ascending. */
    final int[] leftRows, rightRows;
    /** The right ids, checked; null where the mode names no right source ({@link MatchMode#namesRightSources}). */
    final Column<?> rightIds;
    final DropCounts leftDrops = new DropCounts(), rightDrops = new DropCounts();
    /** Right rows not propagated because pmra or pmdec is NaN. */
    final int rightUnmoved;

    /**
     * Reads both tables.
     *
     * @param fromEpoch the right positions' epoch in Julian years, or NaN for no propagation
     * @param toEpoch   the epoch to move them to
     * @param mode      the match's mode: the right ids are kept only where it names right sources (and checked
     *                  wherever the right table has them)
     */
    MatchInput(Table l, Table r, PositionColumns left, PositionColumns right, ProperMotionColumns pm, double fromEpoch,
            double toEpoch, MatchMode mode) {
        lra = Columns.readOnlyDoubles(l, left.ra());
        ldec = Columns.readOnlyDoubles(l, left.dec());
        double[] ra0 = Columns.readOnlyDoubles(r, right.ra());
        double[] dec0 = Columns.readOnlyDoubles(r, right.dec());
        // orphans name no right source and read no right id; an id column that is there is still checked (a wrong
        // one is a wrong file or a wrong column name), one that is not is no error (the CLI leaves it out of the
        // read of a Parquet file, having checked it in the file's footer: CrossMatcher.requireRightIds)
        Column<?> ids = mode.namesRightSources() || r.containsColumn(right.id()) ? OutputColumns.requireId(r, right.id())
                : null;
        rightIds = mode.namesRightSources() ? ids : null;
        double[] pmra = null, pmdec = null;
        if (!Double.isNaN(fromEpoch)) {
            pmra = Columns.doubles(r, pm.pmra());
            pmdec = Columns.doubles(r, pm.pmdec());
        }
        leftRows = validRows(l, left, lra, ldec, leftDrops);
        int[] onSky = validRows(r, right, ra0, dec0, rightDrops);
        if (rightIds != null) {
            onSky = identified(r, rightIds, onSky, rightDrops);
        }
        if (pmra == null) {
            rra = ra0;
            rdec = dec0;
            rightRows = onSky;
            rightUnmoved = 0;
            return;
        }
        rra = new double[ra0.length];
        rdec = new double[ra0.length];
        ProperMotion.propagate(ra0, dec0, pmra, pmdec, fromEpoch, toEpoch, rra, rdec);
        int n = 0, unmoved = 0;
        int[] kept = new int[onSky.length];
        for (int i : onSky) {
            if (Double.isNaN(pmra[i]) || Double.isNaN(pmdec[i])) {
                unmoved++; // Gaia's 2-parameter solutions: matched where they were measured
            } else if (!isBelievable(pmra[i], pmdec[i])) {
                rightDrops.add(DropReason.NONFINITE_PROPER_MOTION); // would move it anywhere on the sky
                continue;
            }
            kept[n++] = i;
        }
        rightRows = Arrays.copyOf(kept, n);
        rightUnmoved = unmoved;
    }

    /** A finite total proper motion of at most {@link CrossMatcher#MAX_PROPER_MOTION_MAS_YR}; false for NaN too. */
    static boolean isBelievable(double pmra, double pmdec) {
        return Math.hypot(pmra, pmdec) <= CrossMatcher.MAX_PROPER_MOTION_MAS_YR;
    }

    /**
     * The {@code rows} whose id is there: a right source without one (empty, blank, Tablesaw's missing marker) could
     * be named by no match, so it is left out and counted, as a row without a position is. Read only where the mode
     * names right sources: for orphans, such a source is still a source at its position, and hides a left one.
     * Refused where no row has an id: a wrong column.
     */
    private static int[] identified(Table t, Column<?> ids, int[] rows, DropCounts drops) {
        int n = 0;
        int[] kept = new int[rows.length];
        for (int i : rows) {
            if (ids.isMissing(i) || ids instanceof StringColumn s && s.get(i).isBlank()) {
                drops.add(DropReason.MISSING_ID);
            } else {
                kept[n++] = i;
            }
        }
        if (n == 0 && rows.length > 0) {
            throw new TasniException(t.name() + ": column '" + ids.name() + "' has no id in the " + rows.length
                    + " rows with a position (data row " + (rows[0] + 1) + "); is it the right column?");
        }
        return n == rows.length ? rows : Arrays.copyOf(kept, n);
    }

    private static int[] validRows(Table t, PositionColumns cols, double[] ra, double[] dec, DropCounts drops) {
        int n = 0, badRa = 0, badDec = 0, firstBad = -1;
        int[] rows = new int[ra.length];
        for (int i = 0; i < ra.length; i++) {
            DropReason why = DropReason.ofPosition(ra[i], dec[i]);
            if (why == DropReason.NONFINITE_POSITION) {
                drops.add(why);
            } else if (why == DropReason.POSITION_OUT_OF_RANGE) {
                drops.add(why);
                badDec += dec[i] >= -90 && dec[i] <= 90 ? 0 : 1;
                badRa += ra[i] >= 0 && ra[i] <= 360 ? 0 : 1;
                firstBad = firstBad < 0 ? i : firstBad;
            } else {
                rows[n++] = i;
            }
        }
        if (n == 0 && ra.length > 0) {
            if (firstBad >= 0) {
                boolean decWrong = badDec >= badRa;
                throw new TasniException(t.name() + ": column '" + (decWrong ? cols.dec() : cols.ra()) + "' has no value in "
                        + (decWrong ? "[-90, 90]" : "[0, 360]") + " degrees (data row " + (firstBad + 1) + ": ra "
                        + ra[firstBad] + ", dec " + dec[firstBad] + "); is it the right column, in degrees?");
            }
            throw new TasniException(t.name() + ": columns '" + cols.ra() + "'/'" + cols.dec() + "' have no finite position in "
                    + ra.length + " rows (data row 1: ra " + ra[0] + ", dec " + dec[0] + ").");
        }
        // every row usable, the usual case: the array as it is, not a copy of the same length
        return n == rows.length ? rows : Arrays.copyOf(rows, n);
    }
}
