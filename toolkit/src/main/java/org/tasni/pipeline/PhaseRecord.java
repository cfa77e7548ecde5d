package org.tasni.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * One phase of one run, as {@code pipeline_timing.json} and the status table hold it.
 *
 * @param phase      the phase
 * @param status     what became of it
 * @param start      when it started (UTC)
 * @param end        when it ended (UTC)
 * @param elapsedS   its wall time, s, to the millisecond
 * @param rowsIn     rows it read (sources, tiles' rows or exposures: the notes say which where it matters)
 * @param rowsOut    rows of its main output
 * @param peakHeapMb the heap's peak while it ran, MiB to one decimal (the sum of the heap pools' peaks: an upper bound)
 * @param notes      what a user should know: caveats, failures with their reasons, counts
 */
public record PhaseRecord(Phase phase, PhaseStatus status, Instant start, Instant end, double elapsedS, long rowsIn,
        long rowsOut, double peakHeapMb, List<String> notes) {

    public PhaseRecord {
        notes = List.copyOf(notes);
        // as the stamps and the timing file keep them: a phase table mixed a reused phase's 1.98 s with a fresh one's
        // 1.980389731 s (and 428.2604064941406 MB)
        elapsedS = Stamp.round(elapsedS, 3);
        peakHeapMb = Stamp.round(peakHeapMb, 1);
    }

    /** A phase that did not run in this run. */
    static PhaseRecord notRun(Phase phase, PhaseStatus status, String why) {
        Instant now = Instant.now();
        return new PhaseRecord(phase, status, now, now, 0, 0, 0, 0, why.isEmpty() ? List.of() : List.of(why));
    }

    /** The same record with {@code status}, e.g. REUSED with the rows and time of the run that made the outputs. */
    PhaseRecord withStatus(PhaseStatus s) {
        return new PhaseRecord(phase, s, start, end, elapsedS, rowsIn, rowsOut, peakHeapMb, notes);
    }
}
