package org.tasni.pipeline;

import tech.tablesaw.api.Table;

/**
 * Numbers from the tile summaries of the crossmatch and the downloader, whose count columns are empty for a tile that
 * failed before it was read (no rows are known), and whose integer columns are int or long depending on the file.
 */
final class SummaryColumns {

    private SummaryColumns() {}

    /** The value of {@code column} in {@code row}, or 0 when it is empty. */
    static long count(Table t, String column, int row) {
        Object v = t.column(column).get(row);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** The sum of {@code column} over all rows, empty cells as 0. */
    static long sum(Table t, String column) {
        long s = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            s += count(t, column, i);
        }
        return s;
    }
}
