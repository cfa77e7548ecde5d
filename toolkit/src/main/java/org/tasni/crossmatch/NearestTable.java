package org.tasni.crossmatch;

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

    /** {@code row[i]}/{@code sep[i]}: left row i's nearest right row (−1: none or not searched) and separation. */
    static Table build(Table left, NearestMatches m, MatchInput in, double radiusArcsec) {
        Table out = left.copy().setName("nearest");
        BooleanColumn matched = BooleanColumn.create(ADDED[2], m.sep().length);
        for (int i = 0; i < m.sep().length; i++) {
            matched.set(i, m.sep()[i] <= radiusArcsec);
        }
        out.addColumns(OutputColumns.ids(ADDED[0], in.rightIds, m.row()), DoubleColumn.create(ADDED[1], m.sep()), matched);
        return out;
    }
}
