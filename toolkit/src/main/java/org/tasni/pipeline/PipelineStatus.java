package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tasni.io.RecordTables;
import tech.tablesaw.api.Table;

/**
 * Where an output directory stands, phase by phase, from the stamps and the files as they are now. Each phase reads
 * what the phases before it wrote, so a phase is only as current as its upstream: one whose own files are as its run
 * left them, after a phase that is stale or missing, is stale too (the next run recomputes the upstream phase, and its
 * new outputs may change this one's inputs).
 */
final class PipelineStatus {

    /**
     * One phase's state.
     *
     * @param phase    the phase
     * @param status   DONE (outputs as its run left them, and every earlier phase DONE), STALE (settings, inputs or
     *                 outputs changed since, or an earlier phase is stale or missing), MISSING (no finished run)
     * @param rowsOut  rows of its main output when it ran
     * @param elapsedS its time when it ran, s
     * @param finished when it ran (UTC), or ""
     * @param missing  what is missing: its output or input files that do not exist, by name, or the record of a
     *                 finished run where its files are there but its last run did not finish
     * @param why      why it is not DONE: what changed, or "upstream crossmatch is stale"; "" when DONE
     */
    record Row(Phase phase, PhaseStatus status, long rowsOut, double elapsedS, String finished, String missing,
            String why) {}

    private PipelineStatus() {}

    static Table of(PipelineConfig c, List<Step> steps) {
        List<Row> rows = new ArrayList<>();
        Identities ids = new Identities();
        Path data = c.data().toAbsolutePath().normalize();
        // a data directory moved or deleted since the run: the phases that read it say so, instead of only "changed"
        String dataGone = Files.isDirectory(data) ? null : "the data directory " + c.data() + " is gone (moved or "
                + "deleted?); give the one the data are in now (status DIR --out OUT, run --data DIR)";
        Row upstream = null; // the first phase that is not DONE: every later phase depends on it
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
            Row row;
            if (st == null) {
                String why = "not run yet";
                if (missing.isEmpty()) {
                    // its files are all there, yet no run of it finished: the last one failed, was partial or was
                    // stopped, and the files are an earlier run's (or partly this one's)
                    missing.add(c.out().relativize(Stamp.file(c.out(), s.phase())) + " (the record of a finished run)");
                    why = "its last run did not finish (failed, partial or stopped): its files are not a finished run's";
                }
                row = new Row(s.phase(), PhaseStatus.MISSING, 0, 0, "", String.join(", ", missing), why);
            } else {
                List<String> changed = new ArrayList<>();
                Map<String, String> settings = Stamp.strings(c.settingsOf(s.phase()));
                if (!st.settings().equals(settings)) {
                    changed.add("settings changed (" + String.join(", ", differing(st.settings(), settings)) + ")");
                }
                Map<String, String> in = ids.of(s.inputs(c)), out = ids.of(s.outputs(c));
                if (dataGone != null && readsUnder(st, data)) {
                    changed.add(dataGone); // which says why its files changed: no need to list them
                } else {
                    if (!st.inputs().equals(in)) {
                        changed.add("inputs changed since it ran (" + first(differing(st.inputs(), in)) + ")");
                    }
                    if (!st.outputs().equals(out)) {
                        changed.add("outputs changed since it ran (" + first(differing(st.outputs(), out)) + ")");
                    }
                }
                boolean same = missing.isEmpty() && changed.isEmpty();
                row = new Row(s.phase(), same ? PhaseStatus.DONE : PhaseStatus.STALE, st.record().rowsOut(),
                        st.record().elapsedS(), st.record().end().toString(), String.join(", ", missing),
                        String.join("; ", changed));
            }
            if (upstream != null && row.status() == PhaseStatus.DONE) {
                row = new Row(row.phase(), PhaseStatus.STALE, row.rowsOut(), row.elapsedS(), row.finished(),
                        row.missing(), "upstream " + upstream.phase() + " is " + upstream.status());
            }
            if (upstream == null && row.status() != PhaseStatus.DONE) {
                upstream = row;
            }
            rows.add(row);
        }
        return RecordTables.toTable("status", Row.class, rows);
    }

    /** Whether the stamp's phase read or wrote files under {@code dir} (its keys are absolute paths). */
    private static boolean readsUnder(Stamp st, Path dir) {
        return st.inputs().keySet().stream().anyMatch(k -> Path.of(k).startsWith(dir))
                || st.outputs().keySet().stream().anyMatch(k -> Path.of(k).startsWith(dir));
    }

    /** The keys whose values differ, or that only one of the maps has, sorted. */
    private static List<String> differing(Map<String, String> then, Map<String, String> now) {
        TreeSet<String> keys = new TreeSet<>(then.keySet());
        keys.addAll(now.keySet());
        return keys.stream().filter(k -> !String.valueOf(then.get(k)).equals(String.valueOf(now.get(k)))).toList();
    }

    /** "e.g. PATH" for the first of {@code keys}, "and N more" where there are others. */
    private static String first(List<String> keys) {
        return keys.isEmpty() ? "" : "e.g. " + keys.get(0) + (keys.size() > 1 ? ", and " + (keys.size() - 1) + " more" : "");
    }
}
