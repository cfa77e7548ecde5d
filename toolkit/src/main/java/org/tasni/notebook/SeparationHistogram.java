package org.tasni.notebook;

import java.util.Arrays;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.HistogramTrace;

/**
 * Separations of a crossmatch result ({@code sep_arcsec} of nearest or all, {@code nearest_sep_arcsec} of orphans),
 * up to a limit in arcsec: a true-pair peak near zero over the chance-coincidence ramp.
 */
public final class SeparationHistogram {

    private SeparationHistogram() {}

    /**
     * The histogram of a crossmatch result's separations up to {@code maxArcsec} (60 bins).
     *
     * @param result    the table of {@code CrossMatcher.nearest}, {@code all} or {@code orphans}
     * @param maxArcsec the largest separation shown, arcsec; larger ones (and NaN, a row without a match) are left out
     *                  and the title says how many rows are shown
     * @return a Plotly figure
     * @throws TasniException if {@code maxArcsec} is not &gt; 0
     */
    public static Figure create(Table result, double maxArcsec) {
        TasniException.requireGiven(result, "SeparationHistogram.create: the crossmatch result");
        String col = result.containsColumn("sep_arcsec") ? "sep_arcsec" : "nearest_sep_arcsec";
        if (!(maxArcsec > 0)) {
            throw new TasniException("the histogram limit must be > 0 arcsec (got " + maxArcsec + ").");
        }
        double[] s = Columns.doubles(result, col);
        double[] kept = Arrays.stream(s).filter(v -> v <= maxArcsec).toArray();
        HistogramTrace trace = HistogramTrace.builder(DoubleColumn.create(col, kept)).nBinsX(60).build();
        Layout layout = Layout.builder(String.format("%s ≤ %s″ (%d of %d rows)", col, maxArcsec, kept.length, s.length),
                "separation (arcsec)", "count").height(380).build();
        return new Figure(layout, trace);
    }
}
