package org.tasni.notebook;

import java.util.HashSet;
import java.util.Set;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropReason;
import org.tasni.variability.Band;
import org.tasni.variability.LightCurve;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One source's rows of an epoch table, and why a light curve plot leaves some out: {@link LightCurve} gives only the
 * points it keeps, so the rows it drops are counted here against the table. A row with an mjd that is not finite or
 * outside the WISE/NEOWISE span, or the same mjd as an earlier row (a repeated exposure), is in neither band; the
 * rest of a band's left-out rows have no usable magnitude or σ, or fail the quality cuts.
 *
 * @param table    the table's name, for messages
 * @param source   the designation
 * @param rows     the source's rows
 * @param badMjd   of them, those with an mjd not finite or outside the span
 * @param repeated of the others, those with an mjd already seen
 */
record SourceRows(String table, String source, int rows, int badMjd, int repeated) {

    /** Counts {@code designation}'s rows; call it after {@link LightCurve#of}, which checks the columns. */
    static SourceRows of(Table epochs, String designation) {
        Column<?> id = Columns.require(epochs, "designation");
        NumericColumn<?> mjd = (NumericColumn<?>) Columns.require(epochs, "mjd");
        int rows = 0, bad = 0, repeated = 0;
        Set<Double> seen = new HashSet<>();
        for (int i : rowsOf(id, designation)) {
            rows++;
            double t = mjd.isMissing(i) ? Double.NaN : mjd.getDouble(i);
            if (!(t >= DropReason.MJD_MIN && t <= DropReason.MJD_MAX)) {
                bad++;
            } else if (!seen.add(t)) {
                repeated++;
            }
        }
        return new SourceRows(Columns.label(epochs), designation, rows, bad, repeated);
    }

    private static int[] rowsOf(Column<?> id, String designation) {
        if (id instanceof StringColumn s) {
            return s.isEqualTo(designation).toArray();
        }
        // an integer id, matched as its exact decimal text, as LightCurve matches it
        return java.util.stream.IntStream.range(0, id.size())
                .filter(i -> !id.isMissing(i) && Html.cell(id, i).equals(designation)).toArray();
    }

    /** The legend of a band's trace: "W1 exposures (2 of 5; 1 mjd not usable, 2 no usable magnitude or σ)". */
    String legend(String what, Band b, LightCurve all, LightCurve drawn) {
        int usable = all.points(b).size(), shown = drawn.points(b).size();
        int unusable = Math.max(0, rows - badMjd - repeated - usable);
        return Legend.of(what, shown, rows, Legend.left(badMjd, "mjd not usable"), Legend.left(repeated, "repeated mjd"),
                Legend.left(unusable, "no usable " + b.label() + " magnitude or σ"),
                Legend.left(usable - shown, "cut by quality"));
    }

    /** @throws TasniException naming the source and the counts of both bands if neither band has a point to draw */
    void requirePoints(LightCurve all, LightCurve drawn) {
        if (drawn.w1().size() + drawn.w2().size() == 0) {
            throw new TasniException(table + ": " + source + " has no exposure to draw: "
                    + legend(Band.W1.label(), Band.W1, all, drawn) + ", " + legend(Band.W2.label(), Band.W2, all, drawn)
                    + ".");
        }
    }
}
