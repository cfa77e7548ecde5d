package org.tasni.pipeline;

import java.util.Locale;

/** What became of a phase in a run, or where it stands in {@code status}. */
public enum PhaseStatus {
    /** computed in this run */
    DONE,
    /** its outputs were kept: its inputs and settings are those of the run that made them */
    REUSED,
    /** computed, but some of its tiles or sources failed (the notes say which and why); the later phases ran on the rest */
    PARTIAL,
    /** it stopped with an error (the notes say why); the later phases did not run */
    FAILED,
    /** not run: an earlier phase failed, or the run stopped before it ({@code --phase}) */
    SKIPPED,
    /** its outputs exist, but its inputs or outputs changed since it ran: the next run recomputes it ({@code status}) */
    STALE,
    /** not run yet ({@code status} of a directory) */
    MISSING;

    /** "done", "reused", …: as the timing file and the summary spell it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
