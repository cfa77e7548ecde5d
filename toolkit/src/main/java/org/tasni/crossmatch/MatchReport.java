package org.tasni.crossmatch;

import tech.tablesaw.api.DoubleColumn;
import java.util.Map;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What one crossmatch call did: counts, what was dropped or left unmoved, the backend that ran, and timings.
 *
 * @param mode              which rows the call returned
 * @param radiusArcsec      the match radius R, arcsec
 * @param backend           the backend that ran (CPU after a GPU fallback)
 * @param threads           CPU threads used
 * @param nLeft             left rows
 * @param nRight            right rows
 * @param nOut              rows of the result
 * @param leftDropped       left rows not used, by reason (never matched, never an orphan); non-zero reasons only
 * @param rightDropped      right rows not used, by reason
 * @param rightUnmoved      right rows not propagated because pmra or pmdec is NaN (0 without propagation)
 * @param propagation       "2016.0 → 2010.5", or "none"
 * @param indexSeconds      building the zone index
 * @param querySeconds      searching
 * @param note              what the caller should know (the GPU that ran, a fallback to the CPU and why), or "";
 *                          the library never prints it, the CLI and the notebook show it
 */
public record MatchReport(MatchMode mode, double radiusArcsec, Backend backend, int threads, int nLeft, int nRight,
        int nOut, Map<DropReason, Long> leftDropped, Map<DropReason, Long> rightDropped, int rightUnmoved, String propagation, double indexSeconds,
        double querySeconds, String note) {

    public MatchReport {
        leftDropped = Map.copyOf(leftDropped);
        rightDropped = Map.copyOf(rightDropped);
    }

    /** Left rows dropped, whatever the reason. */
    public long leftDroppedTotal() {
        return leftDropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Right rows dropped, whatever the reason. */
    public long rightDroppedTotal() {
        return rightDropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Both sides' drops added up, for the stats JSON's {@code n_dropped_…} keys. */
    public DropCounts dropped() {
        DropCounts d = new DropCounts();
        leftDropped.forEach(d::add);
        rightDropped.forEach(d::add);
        return d;
    }

    /** Index build plus query, in process: the {@code match_s} of the stats JSON. */
    public double matchSeconds() {
        return indexSeconds + querySeconds;
    }

    @Override
    public String toString() {
        return String.format("MatchReport[%s R=%s″, left=%,d, right=%,d, out=%,d, dropped left: %s, dropped right: %s, "
                + "unmovedNoPm=%,d, propagation=%s, backend=%s×%d, match=%.3f s (index %.3f + query %.3f)%s]", mode.label(),
                fmt(radiusArcsec), nLeft, nRight, nOut, text(leftDropped), text(rightDropped), rightUnmoved, propagation, backend, threads,
                matchSeconds(), indexSeconds, querySeconds, note.isEmpty() ? "" : ", " + note);
    }

    private static String text(Map<DropReason, Long> m) {
        DropCounts d = new DropCounts();
        m.forEach(d::add);
        return d.toString();
    }

    private static String fmt(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    /** The report as a one-row table. */
    public Table toTable() {
        return Table.create("match_report", StringColumn.create("mode", mode.label()),
                DoubleColumn.create("radius_arcsec", radiusArcsec), StringColumn.create("backend", backend.name()),
                IntColumn.create("threads", threads), IntColumn.create("n_left", nLeft), IntColumn.create("n_right", nRight),
                IntColumn.create("n_out", nOut), LongColumn.create("dropped_left", leftDroppedTotal()), LongColumn.create("dropped_right", rightDroppedTotal()),
                IntColumn.create("unmoved_no_pm", rightUnmoved), StringColumn.create("propagation", propagation),
                DoubleColumn.create("index_s", indexSeconds), DoubleColumn.create("query_s", querySeconds),
                DoubleColumn.create("match_s", matchSeconds()), StringColumn.create("note", note));
    }
}
