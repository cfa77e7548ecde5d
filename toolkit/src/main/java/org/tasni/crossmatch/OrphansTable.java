package org.tasni.crossmatch;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The output of {@link MatchMode#ORPHANS}: the left rows with no right source within R, plus {@code nearest_sep_arcsec}. */
final class OrphansTable {

    private static final String ADDED = "nearest_sep_arcsec";

    private OrphansTable() {}

    static void check(Table left) {
        OutputColumns.requireFree(left, ADDED);
    }

    /**
     * The left table's columns (shared, not copied) and {@code nearest_sep_arcsec} for every left row, named
     * "orphans": the output is its rows {@link #rows}.
     */
    static Table view(Table left, NearestMatches m) {
        Table view = Table.create("orphans", left.columns());
        view.addColumns(DoubleColumn.create(ADDED, m.sep()));
        return view;
    }

    /** The left rows whose nearest separation is over R, ascending; a dropped row (NaN separation) is never an orphan. */
    static int[] rows(NearestMatches m, double radiusArcsec) {
        double[] all = m.sep();
        int count = 0;
        for (double s : all) {
            if (s > radiusArcsec) {
                count++;
            }
        }
        int[] rows = new int[count];
        for (int i = 0, k = 0; i < all.length; i++) {
            if (all[i] > radiusArcsec) {
                rows[k++] = i;
            }
        }
        return rows;
    }
}
