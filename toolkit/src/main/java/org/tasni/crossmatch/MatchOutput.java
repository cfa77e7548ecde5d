package org.tasni.crossmatch;

import org.tasni.io.ResultTable;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * A match's output before its rows are copied: the rows {@code rows} of {@code view}, in that order, and the report.
 * The view's columns may be the caller's own input columns (the left table's, beside the columns the mode adds at full
 * length), so a writer that takes rows by index ({@link org.tasni.io.TableIO#write(Table, int[], java.nio.file.Path)})
 * writes the output without copying the left table first: for the orphans of a 695k-row catalogue that copy
 * (Tablesaw's {@code where}, a hash lookup per string cell) took longer than the match.
 *
 * @param view   the output's columns; read-only: they may be the input's
 * @param rows   the view's rows that make the output, ascending; null when every row of the view is the output and
 *               the view's columns are the output's own
 * @param report what the call did
 */
public record MatchOutput(Table view, int[] rows, MatchReport report) {

    /** The output as a table of its own ({@link CrossMatcher#run} returns this): the rows copied out of the view. */
    public ResultTable<MatchReport> table() {
        Table t = rows == null ? view : view.where(Selection.with(rows)).setName(view.name());
        return new ResultTable<>(t, report);
    }

    /** The number of rows of the output. */
    public int rowCount() {
        return rows == null ? view.rowCount() : rows.length;
    }
}
