package org.tasni.bench;

/**
 * One row of {@code benchmark all}: one tool at one stage, its cold and warm figures, and whether it agrees.
 *
 * @param what       the stage ("crossmatch", "variability statistics", …)
 * @param tool       the toolkit or the peer, and how it ran
 * @param coldS      seconds of a fresh process or a first call; null if not measured
 * @param warmS      seconds, best of the warm runs; null if not measured
 * @param ratio      this row's time over the toolkit's for the same stage (warm where both have one, else cold;
 *                   above 1: the toolkit is faster); null without a time
 * @param agreement  "ok …", "mismatch …" with the detail, or "peer not installed …"
 * @param peakMemMb  peak memory, MiB (the notes say whether a process's RSS or the JVM heap); null if unknown
 * @param notes      what was measured and how
 */
public record BenchRow(String what, String tool, Double coldS, Double warmS, Double ratio, String agreement,
        Double peakMemMb, String notes) {

    /** The agreement of a peer that could not run. */
    public static final String NOT_INSTALLED = "peer not installed";

    /** A row for a peer that did not run: no figures, and why in the agreement. */
    public static BenchRow notInstalled(String what, String tool, String why) {
        return new BenchRow(what, tool, null, null, null, NOT_INSTALLED + " (" + why + ")", null, "");
    }

    /** The time compared across tools: warm if measured, else cold (null if neither). */
    public Double time() {
        return warmS != null ? warmS : coldS;
    }

    /** This row with its ratio to {@code reference} seconds (rounded to 0.01), or unchanged without a time. */
    public BenchRow withRatioTo(double reference) {
        Double t = time();
        Double r = t == null || !(reference > 0) ? null : Math.round(t / reference * 100) / 100.0;
        return new BenchRow(what, tool, coldS, warmS, r, agreement, peakMemMb, notes);
    }

    /** Seconds rounded to 0.1 ms, null kept: the table and the JSON need no more. */
    static Double seconds(double s) {
        return Double.isFinite(s) ? Math.round(s * 1e4) / 1e4 : null;
    }

    /** MiB rounded to 0.1, null for an unknown (NaN) peak. */
    static Double mebibytes(double mb) {
        return Double.isFinite(mb) && mb > 0 ? Math.round(mb * 10) / 10.0 : null;
    }
}
