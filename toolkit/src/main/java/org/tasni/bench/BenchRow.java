package org.tasni.bench;

/**
 * One row of {@code benchmark all}: one tool at one stage, its cold and warm figures, and whether it agrees.
 *
 * @param what       the stage ("crossmatch", "variability statistics", …)
 * @param tool       the toolkit or the peer, and how it ran
 * @param coldS      seconds of a fresh process or a first call; null if not measured
 * @param warmS      seconds, best of the warm runs; null if not measured
 * @param ratio      this row's time over the toolkit's of the same kind for the same stage: warm over its warm where
 *                   the row has a warm figure, a first call over its first call, a whole process over its command's
 *                   whole process (above 1: the toolkit is faster); null without a time or a figure to compare with
 * @param agreement  "ok …", "mismatch …" with the detail, "n/a: …" (nothing to check), "peer not installed (…)",
 *                   "peer failed: …" or "failed: …" (the toolkit's own run gave no figure); a mismatch or a failure
 *                   makes the benchmark command exit with 1 ({@link #isFailure})
 * @param peakMemMb  peak memory, MiB (the notes say whether a process's RSS or the JVM heap); null if unknown
 * @param notes      what was measured and how
 */
public record BenchRow(String what, String tool, Double coldS, Double warmS, Double ratio, String agreement,
        Double peakMemMb, String notes) {

    /** The agreement of a peer that could not run. */
    public static final String NOT_INSTALLED = "peer not installed";

    /** The agreement of a peer that is installed but failed, before the reason. */
    public static final String PEER_FAILED = "peer failed";

    /** The agreement of a row that had nothing to compare with: no peer ran. */
    public static final String NO_PEER = "n/a: no peer ran";

    /** A row for a peer that did not run: no figures, and why in the agreement. */
    public static BenchRow notInstalled(String what, String tool, String why) {
        return new BenchRow(what, tool, null, null, null, NOT_INSTALLED + " (" + why + ")", null, "");
    }

    /** A row for a peer that started and failed: no figures, and the reason in the agreement. */
    public static BenchRow peerFailed(String what, String tool, String why) {
        return new BenchRow(what, tool, null, null, null, PEER_FAILED + ": " + why, null, "");
    }

    /**
     * Whether an agreement fails the benchmark: a mismatch, a peer that failed, or a toolkit run that failed ("ok",
     * "n/a", "reference" and "peer not installed" do not).
     */
    public static boolean isFailure(String agreement) {
        return agreement != null && (agreement.startsWith("mismatch") || agreement.startsWith(PEER_FAILED)
                || agreement.startsWith("failed"));
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
