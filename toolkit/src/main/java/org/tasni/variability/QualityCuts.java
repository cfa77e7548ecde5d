package org.tasni.variability;

import java.util.function.Predicate;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The single-exposure quality cuts of NEOWISE practice (Explanatory Supplement §II.2–II.3), each applied only when its
 * column exists and its setting is enabled, each counted on its own. A row's bit i is set when it fails cut i.
 */
final class QualityCuts {

    static final String[] NAMES = {"qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags"};

    private final VariabilityConfig.Cuts c;

    QualityCuts(VariabilityConfig.Cuts c) {
        this.c = c;
    }

    /** No cut: what the light curves of plots and the periodogram use. */
    static QualityCuts none() {
        return new QualityCuts(VariabilityConfig.Cuts.none());
    }

    /**
     * Per row of {@code rows} of t (from 0), a bit per failed cut; null where no cut applies (none enabled, as for the
     * periodogram and the legacy preset, or no column of one): then every row passes, and no array of a byte per row
     * (30 MB for 30M epochs, fresh memory on a first call) is made only to hold zeros.
     */
    byte[] apply(Table t, RowRange rows) {
        if (!applies(t)) {
            return null;
        }
        byte[] cut = new byte[rows.size()];
        if (c.qualFrameMin().isPresent() && t.containsColumn("qual_frame")) {
            above(numeric(t, "qual_frame"), rows.from(), c.qualFrameMin().getAsDouble(), false, 1, cut);
        }
        if (c.qiFactMin().isPresent() && t.containsColumn("qi_fact")) {
            above(numeric(t, "qi_fact"), rows.from(), c.qiFactMin().getAsDouble(), true, 2, cut);
        }
        if (c.saaSepMin().isPresent() && t.containsColumn("saa_sep")) {
            above(numeric(t, "saa_sep"), rows.from(), c.saaSepMin().getAsDouble(), false, 4, cut);
        }
        if (c.moonMasked().isPresent() && t.containsColumn("moon_masked")) {
            String ok = c.moonMasked().get();
            flags(t, "moon_masked", rows.from(), 8, s -> s.equals(ok), cut);
        }
        if (c.ccFlagsPrefix().isPresent() && t.containsColumn("cc_flags")) {
            String prefix = c.ccFlagsPrefix().get();
            flags(t, "cc_flags", rows.from(), 16, s -> s.startsWith(prefix), cut);
        }
        return cut;
    }

    /** Whether some cut is enabled and its column is in t. */
    private boolean applies(Table t) {
        return c.qualFrameMin().isPresent() && t.containsColumn("qual_frame")
                || c.qiFactMin().isPresent() && t.containsColumn("qi_fact")
                || c.saaSepMin().isPresent() && t.containsColumn("saa_sep")
                || c.moonMasked().isPresent() && t.containsColumn("moon_masked")
                || c.ccFlagsPrefix().isPresent() && t.containsColumn("cc_flags");
    }

    /**
     * Sets {@code bit} of cut[i] where row from + i of q is not above {@code min} (or not at least, with
     * {@code orEqual}); NaN fails, and so does a missing value, which reads as NaN. Read in place: a double copy of
     * the column was a column-sized array of fresh memory for every streamed row group.
     */
    private static void above(NumericColumn<?> q, int from, double min, boolean orEqual, int bit, byte[] cut) {
        for (int i = 0; i < cut.length; i++) {
            double v = q.getDouble(from + i);
            if (!(orEqual ? v >= min : v > min)) {
                cut[i] |= (byte) bit;
            }
        }
    }

    private static NumericColumn<?> numeric(Table t, String name) {
        Column<?> c = t.column(name);
        if (c instanceof NumericColumn<?> n) {
            return n;
        }
        // a zero-row string column (a header-only CSV) holds no wrong cell: an empty number column
        if (c.isEmpty()) {
            return DoubleColumn.create(name);
        }
        throw new TasniException(Columns.label(t) + ": column '" + name + "' has type " + c.type().name()
                + "; expected a number.");
    }

    /** Evaluates a string predicate once per distinct value, through the column's dictionary; row i is from + i. */
    private static void flags(Table t, String name, int from, int bit, Predicate<String> ok, byte[] cut) {
        StringColumn s = Columns.strings(t, name);
        int n = s.size();
        int[] key = Epochs.dictionaryKeys(s);
        int min = n == 0 ? 0 : key[n];
        byte[] pass = new byte[n == 0 ? 0 : key[n + 1] - min + 1]; // 0 unknown, 1 pass, 2 fail
        for (int i = 0; i < cut.length; i++) {
            int k = key[from + i] - min;
            if (pass[k] == 0) {
                pass[k] = (byte) (ok.test(s.get(from + i)) ? 1 : 2);
            }
            if (pass[k] == 2) {
                cut[i] |= (byte) bit;
            }
        }
    }
}
