package org.tasni.crossmatch;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/** The output of {@link MatchMode#ORPHANS}: the left rows with no right source within R, plus {@code nearest_sep_arcsec}. */
final class OrphansTable {

    private static final String ADDED = "nearest_sep_arcsec";

    private OrphansTable() {}

    static void check(Table left) {
        OutputColumns.requireFree(left, ADDED);
    }

    /** The left rows whose nearest separation is over R; a dropped row (NaN separation) is never an orphan. */
    static Table build(Table left, NearestMatches m, double radiusArcsec) {
        double[] all = m.sep();
        int count = 0;
        for (double s : all) {
            if (s > radiusArcsec) {
                count++;
            }
        }
        int[] rows = new int[count];
        double[] sep = new double[count];
        for (int i = 0, k = 0; i < all.length; i++) {
            if (all[i] > radiusArcsec) {
                rows[k] = i;
                sep[k++] = all[i];
            }
        }
        Table out = left.where(Selection.with(rows)).setName("orphans");
        out.addColumns(DoubleColumn.create(ADDED, sep));
        return out;
    }
}
