package org.tasni.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * A trace's legend entry that says what the trace leaves out: a figure must never drop a row without a word, and the
 * legend is where a reader looks for what a colour stands for.
 */
final class Legend {

    private Legend() {}

    /**
     * The values of a trace, or one NaN if there are none: Plotly leaves a trace with no point out of the legend, and
     * with it the counts that say why nothing is drawn; a NaN point draws nothing and keeps the entry.
     */
    static double[] keptInLegend(double[] values) {
        return values.length == 0 ? new double[] {Double.NaN} : values;
    }

    /** {@code count} rows not drawn, for one reason ("without a position"). */
    record Left(long count, String why) {}

    static Left left(long count, String why) {
        return new Left(count, why);
    }

    /** "what (rows)" when every row is drawn, else "what (drawn of rows; 2 why, 1 why)", reasons with no row left out. */
    static String of(String what, long drawn, long rows, Left... left) {
        if (drawn == rows) {
            return what + " (" + rows + ")";
        }
        List<String> why = new ArrayList<>();
        for (Left l : left) {
            if (l.count() > 0) {
                why.add(l.count() + " " + l.why());
            }
        }
        return what + " (" + drawn + " of " + rows + (why.isEmpty() ? "" : "; " + String.join(", ", why)) + ")";
    }
}
