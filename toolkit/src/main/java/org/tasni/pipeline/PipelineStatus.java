package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tasni.io.RecordTables;
import tech.tablesaw.api.Table;

/** Where an output directory stands, phase by phase, from the stamps and the files as they are now. */
final class PipelineStatus {

    /**
     * One phase's state.
     *
     * @param phase    the phase
     * @param status   DONE (outputs as its run left them), STALE (settings, inputs or outputs changed since), MISSING
     * @param rowsOut  rows of its main output when it ran
     * @param elapsedS its time when it ran, s
     * @param finished when it ran (UTC), or ""
     * @param missing  its output or input files that do not exist, by name
     */
    record Row(Phase phase, PhaseStatus status, long rowsOut, double elapsedS, String finished, String missing) {}

    private PipelineStatus() {}

    static Table of(PipelineConfig c, List<Step> steps) {
        List<Row> rows = new ArrayList<>();
        Identities ids = new Identities();
        for (Step s : steps) {
            Stamp st = Stamp.read(c.out(), s.phase());
            List<String> missing = new ArrayList<>();
            for (Path p : s.outputs(c)) {
                if (!Files.isRegularFile(p)) {
                    missing.add(c.out().relativize(p).toString());
                }
            }
            for (Path p : s.inputs(c)) {
                if (!Files.isRegularFile(p)) {
                    missing.add(p.toString());
                }
            }
            if (st == null) {
                rows.add(new Row(s.phase(), PhaseStatus.MISSING, 0, 0, "", String.join(", ", missing)));
                continue;
            }
            boolean same = missing.isEmpty() && st.settings().equals(Stamp.strings(c.settingsOf(s.phase())))
                    && st.inputs().equals(ids.of(s.inputs(c)))
                    && st.outputs().equals(ids.of(s.outputs(c)));
            rows.add(new Row(s.phase(), same ? PhaseStatus.DONE : PhaseStatus.STALE, st.record().rowsOut(),
                    st.record().elapsedS(), st.record().end().toString(), String.join(", ", missing)));
        }
        return RecordTables.toTable("status", Row.class, rows);
    }
}
