package org.tasni.pipeline;

import java.util.List;
import java.util.Locale;

/** The lines a run prints: one per phase, and the closing summary. */
final class Summary {

    /**
     * The start of a phase's note that counts input rows it did not use, by reason: shown on its summary line like a
     * warning (the convention: every row not used is counted in the summary line), but not a warning.
     */
    static final String DROPPED = "dropped: ";

    private Summary() {}

    /** "crossmatch   done    2.31 s  24,424 → 11,112 rows", then the warnings and failures indented. */
    static String line(PhaseRecord r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %-8s %7.2f s  %,d → %,d rows",
                r.phase(), r.status(), r.elapsedS(), r.rowsIn(), r.rowsOut()));
        for (String n : r.notes()) {
            if (n.startsWith("warning: ") || n.startsWith("failed: ") || n.startsWith(DROPPED)
                    || r.status() == PhaseStatus.SKIPPED) {
                sb.append(System.lineSeparator()).append("    ").append(n);
            }
        }
        return sb.toString();
    }

    /** Whether any phase failed or was partial: the CLI then exits 1. */
    static boolean anyFailure(List<PhaseRecord> records) {
        return records.stream().anyMatch(r -> r.status() == PhaseStatus.FAILED || r.status() == PhaseStatus.PARTIAL);
    }
}
