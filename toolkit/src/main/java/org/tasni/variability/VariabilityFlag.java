package org.tasni.variability;

import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The flag a variability method gives a source, and selectors over a result table:
 * <pre>{@code
 * var stats = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(epochs);
 * var fading = VariabilityFlag.FADING.in(stats);            // the rows flagged FADING
 * long n = VariabilityFlag.VARIABLE.count(stats);
 * }</pre>
 * The selectors read whichever flag column the table has: {@value #COLUMN} (standard, tasni-tier5) or
 * {@value #LEGACY_COLUMN} (tasni-legacy, whose columns are the reference's).
 */
public enum VariabilityFlag {
    /** Fewer usable epochs than the configuration's minimum, in both bands (standard). */
    INSUFFICIENT_DATA,
    /** A trend toward fainter magnitudes. */
    FADING,
    /** A trend toward brighter magnitudes. */
    BRIGHTENING,
    /** Scatter beyond the errors (χ², or RMS where the configuration has an RMS limit). */
    VARIABLE,
    /** Little scatter in every measured band. */
    STABLE,
    /** None of the others. */
    NORMAL,
    /** tasni-tier5: too few epochs, as its reference wrote it (the reason is in {@code skip_reason}). */
    UNKNOWN;

    /** The flag column of the standard and tasni-tier5 results. */
    public static final String COLUMN = "flag";
    /** The flag column of the tasni-legacy result, the reference's name. */
    public static final String LEGACY_COLUMN = "variability_flag";

    /** The rows of {@code stats} with this flag, in their order. */
    public Table in(Table stats) {
        return stats.where(column(stats).isEqualTo(name()));
    }

    /** How many rows of {@code stats} have this flag. */
    public int count(Table stats) {
        return column(stats).isEqualTo(name()).size();
    }

    /** The flag column of a variability result, whichever method made it. */
    public static StringColumn column(Table stats) {
        TasniException.requireGiven(stats, "the variability table");
        for (String c : new String[] {COLUMN, LEGACY_COLUMN}) {
            if (stats.containsColumn(c) && stats.column(c) instanceof StringColumn s) {
                return s;
            }
        }
        throw new TasniException(Columns.label(stats) + ": no flag column '" + COLUMN + "' or '" + LEGACY_COLUMN
                + "' (columns: " + String.join(", ", stats.columnNames()) + "). Is it a VariabilityAnalyzer result?");
    }
}
