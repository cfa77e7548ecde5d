package org.tasni.variability;

import tech.tablesaw.api.Table;

/**
 * What one {@link VariabilityAnalyzer#analyze} call did.
 *
 * @param preset          the configuration's name
 * @param rows            input rows (exposures)
 * @param sources         sources (output rows)
 * @param wasGrouped      whether the input already had each source's rows together
 * @param cutRows         exposures removed by the quality cuts (an exposure failing several cuts counts once)
 * @param flags           "FADING=5, NORMAL=45, …"
 * @param computeSeconds  grouping, statistics and classification, in process, excluding file I/O
 */
public record VariabilityReport(String preset, int rows, int sources, boolean wasGrouped, int cutRows, String flags,
        double computeSeconds) {

    static VariabilityReport of(String preset, Epochs e, Table out, double seconds) {
        int cut = 0;
        for (byte b : e.cut) {
            if (b != 0) {
                cut++;
            }
        }
        return new VariabilityReport(preset, e.rows, e.sources(), e.wasGrouped, cut, flagCounts(out), seconds);
    }

    /** "FADING=5, NORMAL=45, …" in alphabetical order. */
    static String flagCounts(Table out) {
        String flagCol = out.containsColumn("flag") ? "flag" : "variability_flag";
        Table counts = out.stringColumn(flagCol).countByCategory().sortOn("Category");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.rowCount(); i++) {
            sb.append(i > 0 ? ", " : "").append(counts.getString(i, 0)).append('=').append(counts.getString(i, 1));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format("VariabilityReport[%s: %,d sources from %,d exposures (%,d cut by quality), %s; compute %.3f s%s]",
                preset, sources, rows, cutRows, flags, computeSeconds, wasGrouped ? "" : "; input was not grouped by source");
    }
}
