package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tasni.io.AtomicFiles;

/** {@code pipeline_timing.json}: each phase's record, the total, and every warning and failure in one list. */
final class Timing {

    private Timing() {}

    static void write(Path file, List<PhaseRecord> records, double totalSeconds) {
        List<Map<String, Object>> phases = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (PhaseRecord r : records) {
            phases.add(Stamp.recordMap(r));
            for (String n : r.notes()) {
                if (n.startsWith("warning: ") || n.startsWith("failed: ")) {
                    warnings.add(r.phase() + ": " + n);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phases", phases);
        m.put("total_s", Stamp.round(totalSeconds, 3));
        m.put("warnings", warnings);
        AtomicFiles.write(file, tmp -> Stamp.JSON.writeValue(tmp.toFile(), m));
    }
}
