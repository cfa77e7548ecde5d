package org.tasni.variability;

import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The single-exposure quality cuts of NEOWISE practice (Explanatory Supplement §II.2–II.3), each applied only when its
 * column exists and its setting is enabled, each counted on its own. A row's bit i is set when it fails cut i.
 */
final class QualityCuts {

    static final String[] NAMES = {"qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags"};

    private final VariabilityConfig c;

    QualityCuts(VariabilityConfig c) {
        this.c = c;
    }

    byte[] apply(Table t) {
        byte[] cut = new byte[t.rowCount()];
        if (c.qualFrameMin() >= 0 && t.containsColumn("qual_frame")) {
            double[] q = numeric(t, "qual_frame");
            for (int i = 0; i < q.length; i++) {
                if (!(q[i] > c.qualFrameMin())) {
                    cut[i] |= 1;
                }
            }
        }
        if (!Double.isNaN(c.qiFactMin()) && t.containsColumn("qi_fact")) {
            double[] q = numeric(t, "qi_fact");
            for (int i = 0; i < q.length; i++) {
                if (!(q[i] >= c.qiFactMin())) {
                    cut[i] |= 2;
                }
            }
        }
        if (!Double.isNaN(c.saaSepMin()) && t.containsColumn("saa_sep")) {
            double[] q = numeric(t, "saa_sep");
            for (int i = 0; i < q.length; i++) {
                if (!(q[i] > c.saaSepMin())) {
                    cut[i] |= 4;
                }
            }
        }
        if (!c.moonMaskedOk().isEmpty() && t.containsColumn("moon_masked")) {
            flags(t, "moon_masked", 8, s -> s.equals(c.moonMaskedOk()), cut);
        }
        if (!c.ccFlagsPrefix().isEmpty() && t.containsColumn("cc_flags")) {
            flags(t, "cc_flags", 16, s -> s.startsWith(c.ccFlagsPrefix()), cut);
        }
        return cut;
    }

    private static double[] numeric(Table t, String name) {
        if (!(t.column(name) instanceof NumericColumn<?>)) {
            throw new TasniException(t.name() + ": column '" + name + "' has type " + t.column(name).type().name()
                    + "; expected a number.");
        }
        return Columns.doubles(t, name);
    }

    /** Evaluates a string predicate once per distinct value, through the column's dictionary. */
    private static void flags(Table t, String name, int bit, java.util.function.Predicate<String> ok, byte[] cut) {
        StringColumn s = Columns.strings(t, name);
        int n = cut.length;
        int[] key = Epochs.dictionaryKeys(s);
        int min = n == 0 ? 0 : key[n];
        byte[] pass = new byte[n == 0 ? 0 : key[n + 1] - min + 1]; // 0 unknown, 1 pass, 2 fail
        for (int i = 0; i < n; i++) {
            int k = key[i] - min;
            if (pass[k] == 0) {
                pass[k] = (byte) (ok.test(s.get(i)) ? 1 : 2);
            }
            if (pass[k] == 2) {
                cut[i] |= (byte) bit;
            }
        }
    }
}
