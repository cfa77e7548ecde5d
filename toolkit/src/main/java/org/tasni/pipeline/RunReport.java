package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.tasni.io.TableReport;

/**
 * A whole run in one record: what the CLI's last lines say and {@code result.report()} gives in a notebook.
 *
 * @param phases     one record per phase, in order
 * @param candidates thermal-orphan candidates ranked (−1 when the rank phase did not run)
 * @param fading     of which FADING (−1 when the rank phase did not run)
 * @param top        the designation ranked first, or "" when there is none
 * @param out        the output directory
 * @param seconds    the run's wall time, s
 */
public record RunReport(List<PhaseRecord> phases, long candidates, long fading, String top, Path out, double seconds)
        implements TableReport {

    public RunReport {
        phases = List.copyOf(phases);
    }

    /** Whether a phase failed or some of its tiles or sources did: the CLI then exits 1. */
    public boolean failed() {
        return Summary.anyFailure(phases);
    }

    @Override
    public String toString() {
        long reused = phases.stream().filter(p -> p.status() == PhaseStatus.REUSED).count();
        String found = candidates < 0 ? "not ranked" : String.format("%d thermal-orphan candidates, %d FADING%s",
                candidates, fading, top.isEmpty() ? "" : "; first: " + top);
        // PARTIAL: results were written, from what did not fail (the CLI still exits 1); FAILED: a phase stopped the run
        boolean stopped = phases.stream().anyMatch(p -> p.status() == PhaseStatus.FAILED);
        String state = stopped ? "FAILED" : failed() ? "PARTIAL" : "done";
        return String.format("%s; %d phase(s) reused; %s in %.1f s%s", found, reused, state, seconds,
                stopped ? " (see the failures above)" : failed() ? " (some tiles or sources failed: see above; the "
                        + "results leave them out)" : "");
    }
}
