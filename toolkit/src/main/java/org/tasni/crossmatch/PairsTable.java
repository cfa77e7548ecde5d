package org.tasni.crossmatch;

import java.util.Arrays;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The output of {@link MatchMode#ALL}: {@code left_id}, {@code right_id}, {@code sep_arcsec}, one row per pair. */
final class PairsTable {

    private PairsTable() {}

    /** The pairs in left row, then right row order, with the left ids of {@link #leftIdColumn}. */
    static Table build(Column<?> leftId, MatchInput in, PairList pairs) {
        int n = pairs.size();
        int[] l = Arrays.copyOf(pairs.left, n), r = Arrays.copyOf(pairs.right, n);
        return Table.create("pairs", OutputColumns.ids("left_id", leftId, l),
                OutputColumns.ids("right_id", in.rightIds, r), DoubleColumn.create("sep_arcsec", Arrays.copyOf(pairs.sep, n)));
    }

    /**
     * The left id column, checked before matching: with the default columns {@code source_id}, else
     * {@code designation}, else {@code cntr}; with {@link CrossMatcher#leftColumns} the id named there. A table with
     * none of them is refused: row numbers would pass for ids and could not be joined back to the catalogue.
     */
    static Column<?> leftIdColumn(Table t, PositionColumns leftColumns) {
        Column<?> col = leftIdColumnIfAny(t, leftColumns);
        if (col != null) {
            OutputColumns.requireIdType(t, col);
            return col;
        }
        String[] candidates = idCandidates(leftColumns);
        throw new TasniException(OutputColumns.label(t) + ": no id column for left_id (looked for "
                + String.join(", ", Arrays.stream(candidates).map(c -> "'" + c + "'").toList())
                + "); name one with --left-columns RA,DEC,ID (Java: leftColumns(ra, dec, id)).");
    }

    /**
     * The column {@link #leftIdColumn} takes, unchecked, or null where the table has none: the orphans name no id, so
     * the tiled match uses it (to drop a row repeated in a tile) only where there is one.
     */
    static Column<?> leftIdColumnIfAny(Table t, PositionColumns leftColumns) {
        for (String c : idCandidates(leftColumns)) {
            if (c != null && t.containsColumn(c)) {
                return t.column(c);
            }
        }
        return null;
    }

    private static String[] idCandidates(PositionColumns leftColumns) {
        boolean defaults = leftColumns.equals(PositionColumns.defaults());
        return defaults ? new String[] {leftColumns.id(), "designation", "cntr"} : new String[] {leftColumns.id()};
    }
}
