package org.tasni.variability;

import java.util.function.Predicate;
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
        byte[] cut = null; // made by the first cut that applies (see withCut)
        if (c.qualFrameMin().isPresent() && t.containsColumn("qual_frame")) {
            cut = above(numeric(t, "qual_frame"), rows, c.qualFrameMin().getAsDouble(), false, 1, cut);
        }
        if (c.qiFactMin().isPresent() && t.containsColumn("qi_fact")) {
            cut = above(numeric(t, "qi_fact"), rows, c.qiFactMin().getAsDouble(), true, 2, cut);
        }
        if (c.saaSepMin().isPresent() && t.containsColumn("saa_sep")) {
            cut = above(numeric(t, "saa_sep"), rows, c.saaSepMin().getAsDouble(), false, 4, cut);
        }
        if (c.moonMasked().isPresent() && t.containsColumn("moon_masked")) {
            String ok = c.moonMasked().get();
            cut = flags(t, "moon_masked", rows, 8, s -> s.equals(ok), cut);
        }
        if (c.ccFlagsPrefix().isPresent() && t.containsColumn("cc_flags")) {
            String prefix = c.ccFlagsPrefix().get();
            cut = flags(t, "cc_flags", rows, 16, s -> s.startsWith(prefix), cut);
        }
        return cut;
    }

    /** {@code cut}, or where no cut has made it yet, a new array of a byte per row of {@code rows}. */
    private static byte[] withCut(byte[] cut, RowRange rows) {
        return cut != null ? cut : new byte[rows.size()];
    }

    /**
     * Sets {@code bit} of cut[i] where row from + i of q is not above {@code min} (or not at least, with
     * {@code orEqual}), from = rows.from(); NaN fails, and so does a missing value, which reads as NaN. Read in place:
     * a double copy of the column was a column-sized array of fresh memory for every streamed row group. Returns cut,
     * made here if null.
     */
    private static byte[] above(NumericColumn<?> q, RowRange rows, double min, boolean orEqual, int bit, byte[] cut) {
        cut = withCut(cut, rows);
        int from = rows.from();
        for (int i = 0; i < cut.length; i++) {
            double v = q.getDouble(from + i);
            if (!(orEqual ? v >= min : v > min)) {
                cut[i] |= (byte) bit;
            }
        }
        return cut;
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
        throw Columns.notNumbers(t, c);
    }

    /**
     * Evaluates a string predicate once per distinct value, through the column's dictionary; row i is rows.from() + i.
     * Returns cut, made here if null.
     */
    private static byte[] flags(Table t, String name, RowRange rows, int bit, Predicate<String> ok, byte[] cut) {
        cut = withCut(cut, rows);
        int from = rows.from();
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
        return cut;
    }
}
