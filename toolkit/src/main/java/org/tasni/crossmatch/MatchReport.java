package org.tasni.crossmatch;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What one crossmatch call did: counts, what was dropped or left unmoved, the backend that ran, and timings.
 *
 * @param mode              nearest, orphans or all
 * @param radiusArcsec      the match radius R, arcsec
 * @param backend           the backend that ran (CPU after a GPU fallback)
 * @param threads           CPU threads used
 * @param nLeft             left rows
 * @param nRight            right rows
 * @param nOut              rows of the result
 * @param leftNaN           left rows dropped for a NaN position (never matched, never an orphan)
 * @param rightNaN          right rows dropped for a NaN position
 * @param rightUnmoved      right rows not propagated because pmra or pmdec is NaN (0 without propagation)
 * @param propagation       "2016.0 → 2010.5", or "none"
 * @param indexSeconds      building the zone index
 * @param querySeconds      searching
 * @param note              a fallback or warning line, or ""
 */
public record MatchReport(String mode, double radiusArcsec, Backend backend, int threads, int nLeft, int nRight,
        int nOut, int leftNaN, int rightNaN, int rightUnmoved, String propagation, double indexSeconds,
        double querySeconds, String note) {

    /** Index build plus query, in process: the {@code match_s} of the stats JSON. */
    public double matchSeconds() {
        return indexSeconds + querySeconds;
    }

    @Override
    public String toString() {
        return String.format("MatchReport[%s R=%s″, left=%,d, right=%,d, out=%,d, nanLeft=%,d, nanRight=%,d, "
                + "unmovedNoPm=%,d, propagation=%s, backend=%s×%d, match=%.3f s (index %.3f + query %.3f)%s]", mode,
                fmt(radiusArcsec), nLeft, nRight, nOut, leftNaN, rightNaN, rightUnmoved, propagation, backend, threads,
                matchSeconds(), indexSeconds, querySeconds, note.isEmpty() ? "" : ", " + note);
    }

    private static String fmt(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    /** The report as a one-row table. */
    public Table toTable() {
        return Table.create("match_report", StringColumn.create("mode", mode),
                DoubleColumn.create("radius_arcsec", radiusArcsec), StringColumn.create("backend", backend.name()),
                IntColumn.create("threads", threads), IntColumn.create("n_left", nLeft), IntColumn.create("n_right", nRight),
                IntColumn.create("n_out", nOut), IntColumn.create("nan_left", leftNaN), IntColumn.create("nan_right", rightNaN),
                IntColumn.create("unmoved_no_pm", rightUnmoved), StringColumn.create("propagation", propagation),
                DoubleColumn.create("index_s", indexSeconds), DoubleColumn.create("query_s", querySeconds),
                DoubleColumn.create("match_s", matchSeconds()), StringColumn.create("note", note));
    }
}
