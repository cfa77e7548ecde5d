package org.tasni.variability;

import org.tasni.io.DropCounts;
import org.tasni.io.TableReport;
import tech.tablesaw.api.Table;

/**
 * What one {@link VariabilityAnalyzer#analyze} call did. With the standard preset every input row is either in a
 * source's {@code n_rows} or in {@code dropped}: {@code rows == sum(n_rows) + dropped.total()}.
 *
 * @param preset          the configuration's name
 * @param rows            input rows (exposures), dropped ones included
 * @param sources         sources (output rows)
 * @param wasGrouped      whether the input already had each source's rows together
 * @param cutRows         exposures removed by the quality cuts (an exposure failing several cuts counts once)
 * @param dropped         exposures left out whole, by reason (missing id, non-finite or out-of-span mjd, duplicate;
 *                        tasni-tier5: a NaN magnitude in either band)
 * @param unusableW1      W1 measurements of kept, uncut exposures that W1 cannot use (non-finite magnitude, bad
 *                        error); the exposure's W2 is still used
 * @param unusableW2      the same for W2
 * @param flags           "FADING=5, NORMAL=45, …"
 * @param computeSeconds  grouping, statistics and classification, in process, excluding file I/O
 * @param readWhole       empty, unless a Parquet file given to {@link VariabilityAnalyzer#analyze(java.nio.file.Path)}
 *                        was read whole instead of streamed row group by row group, so that memory use was that of the
 *                        whole file: then why ("not grouped by designation (B appears again at data row 5, after
 *                        other sources)")
 */
public record VariabilityReport(String preset, int rows, int sources, boolean wasGrouped, int cutRows, DropCounts dropped,
        DropCounts unusableW1, DropCounts unusableW2, String flags, double computeSeconds, String readWhole)
        implements TableReport {

    public VariabilityReport {
        readWhole = readWhole == null ? "" : readWhole; // "" is the usual case, so that no caller tests for null
    }

    /** A report of input read as it came (a table, or a Parquet file streamed): {@code readWhole} empty. */
    public VariabilityReport(String preset, int rows, int sources, boolean wasGrouped, int cutRows, DropCounts dropped,
            DropCounts unusableW1, DropCounts unusableW2, String flags, double computeSeconds) {
        this(preset, rows, sources, wasGrouped, cutRows, dropped, unusableW1, unusableW2, flags, computeSeconds, "");
    }

    static VariabilityReport of(String preset, Epochs e, Table out, double seconds) {
        return new VariabilityReport(preset, e.rows, e.sources(), e.wasGrouped, e.cutRows(), e.dropped, e.unusableW1,
                e.unusableW2, flagCounts(out), seconds);
    }

    /** "FADING=5, NORMAL=45, …" in alphabetical order. */
    static String flagCounts(Table out) {
        Table counts = VariabilityFlag.column(out).countByCategory().sortOn("Category");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.rowCount(); i++) {
            sb.append(i > 0 ? ", " : "").append(counts.getString(i, 0)).append('=').append(counts.getString(i, 1));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format("VariabilityReport[%s: %,d sources from %,d exposures (%,d cut by quality; dropped: %s; "
                + "unusable W1: %s; unusable W2: %s), %s; compute %.3f s%s]", preset, sources, rows, cutRows, dropped,
                unusableW1, unusableW2, flags.isEmpty() ? "no sources" : flags, computeSeconds,
                !readWhole.isEmpty() ? "; input was " + readWhole + ": read whole, not streamed"
                        : wasGrouped ? "" : "; input was not grouped by source");
    }
}
