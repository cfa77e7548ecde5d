package org.tasni.crossmatch;

import java.util.stream.IntStream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The output of {@link MatchMode#NEAREST}: every left row plus {@code match_id}, {@code sep_arcsec}, {@code matched}. */
final class NearestTable {

    private static final String[] ADDED = {"match_id", "sep_arcsec", "matched"};

    private NearestTable() {}

    static void check(Table left) {
        OutputColumns.requireFree(left, ADDED);
    }

    /**
     * The left table's columns (shared, not copied) plus {@code match_id}, {@code sep_arcsec} and {@code matched},
     * named "nearest". {@code m.row()[i]}/{@code m.sep()[i]}: left row i's nearest right row (−1: none or not searched)
     * and separation.
     */
    static Table view(Table left, NearestMatches m, MatchInput in, double radiusArcsec) {
        Table out = Table.create("nearest", left.columns());
        BooleanColumn matched = BooleanColumn.create(ADDED[2], m.sep().length);
        for (int i = 0; i < m.sep().length; i++) {
            matched.set(i, m.sep()[i] <= radiusArcsec);
        }
        out.addColumns(OutputColumns.ids(ADDED[0], in.rightIds, m.row()), DoubleColumn.create(ADDED[1], m.sep()), matched);
        return out;
    }

    /** Every left row, in order: the output is the whole view, copied for a table of its own. */
    static int[] rows(Table left) {
        return IntStream.range(0, left.rowCount()).toArray();
    }
}
