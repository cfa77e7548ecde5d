package org.tasni.crossmatch;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The output of {@link MatchMode#ALL}: {@code left_id}, {@code right_id}, {@code sep_arcsec}, one row per pair. */
final class PairsTable {

    private PairsTable() {}

    /**
     * The pairs in left row, then right row order. The left id is the left table's id column, else
     * {@code designation} or {@code cntr}, else the left row index.
     */
    static Table build(Table left, PositionColumns leftColumns, MatchInput in, PairList pairs) {
        int n = pairs.size();
        int[] l = Arrays.copyOf(pairs.left, n), r = Arrays.copyOf(pairs.right, n);
        Column<?> leftId = leftIdColumn(left, leftColumns);
        return Table.create("pairs",
                leftId == null ? IntColumn.create("left_id", l) : OutputColumns.ids("left_id", leftId, l),
                OutputColumns.ids("right_id", in.rightIds, r), DoubleColumn.create("sep_arcsec", Arrays.copyOf(pairs.sep, n)));
    }

    private static Column<?> leftIdColumn(Table t, PositionColumns leftColumns) {
        for (String c : new String[] {leftColumns.id(), "designation", "cntr"}) {
            if (c != null && t.containsColumn(c)) {
                return t.column(c);
            }
        }
        return null;
    }
}
