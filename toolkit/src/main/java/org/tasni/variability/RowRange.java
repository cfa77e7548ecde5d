package org.tasni.variability;

import tech.tablesaw.api.Table;

/**
 * Rows {@code [from, to)} of a table, read in place: a streamed row group's sources are analysed where the reader put
 * them, not copied into a table of their own (at 30M rows a copy of every group was more than a second of the
 * {@code variability} command, most of it fresh memory).
 *
 * @param from the first row
 * @param to   the row after the last
 */
record RowRange(int from, int to) {

    RowRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ")");
        }
    }

    /** Every row of t. */
    static RowRange all(Table t) {
        return new RowRange(0, t.rowCount());
    }

    int size() {
        return to - from;
    }
}
