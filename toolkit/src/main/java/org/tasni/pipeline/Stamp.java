package org.tasni.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tasni.io.AtomicFiles;

/**
 * What a finished phase leaves beside its outputs ({@code OUT/.pipeline/PHASE.json}): its settings, the identity of
 * every input and output, and its record. A rerun reuses the phase only when all of them are what they were. The stamp
 * is written after the outputs, so a run killed between the two recomputes the phase (with the same bytes).
 *
 * @param settings the settings the phase read ({@link PipelineConfig#settingsOf})
 * @param inputs   the identity of each input file, by absolute path
 * @param outputs  the identity of each output file, by absolute path
 * @param record   the phase's record in the run that made the outputs
 */
record Stamp(Map<String, String> settings, Map<String, String> inputs, Map<String, String> outputs,
        PhaseRecord record) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Path file(Path out, Phase phase) {
        return PipelineLayout.stampsDir(out).resolve(phase + ".json");
    }

    static Map<String, String> strings(Map<String, Object> settings) {
        Map<String, String> m = new TreeMap<>();
        settings.forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m;
    }

    void write(Path out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("settings", settings);
        m.put("inputs", inputs);
        m.put("outputs", outputs);
        m.put("record", recordMap(record));
        AtomicFiles.write(file(out, record.phase()), tmp -> JSON.writeValue(tmp.toFile(), m));
    }

    /** The stamp of {@code phase} in {@code out}, or null when there is none or it cannot be read (then: recompute). */
    static Stamp read(Path out, Phase phase) {
        Path f = file(out, phase);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            JsonNode r = n.get("record");
            List<String> notes = new ArrayList<>();
            r.get("notes").forEach(x -> notes.add(x.asText()));
            PhaseRecord rec = new PhaseRecord(phase, PhaseStatus.valueOf(r.get("status").asText().toUpperCase()),
                    Instant.parse(r.get("start").asText()), Instant.parse(r.get("end").asText()),
                    r.get("elapsed_s").asDouble(), r.get("rows_in").asLong(), r.get("rows_out").asLong(),
                    r.get("peak_heap_mb").asDouble(), notes);
            return new Stamp(map(n.get("settings")), map(n.get("inputs")), map(n.get("outputs")), rec);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged stamp only costs a recomputation
        }
    }

    private static Map<String, String> map(JsonNode n) {
        Map<String, String> m = new TreeMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** A record as the timing file and the stamps write it (snake_case, times in ISO-8601 UTC). */
    static Map<String, Object> recordMap(PhaseRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", r.phase().toString());
        m.put("status", r.status().toString());
        m.put("start", r.start().toString());
        m.put("end", r.end().toString());
        m.put("elapsed_s", round(r.elapsedS(), 3));
        m.put("rows_in", r.rowsIn());
        m.put("rows_out", r.rowsOut());
        m.put("peak_heap_mb", round(r.peakHeapMb(), 1));
        m.put("notes", r.notes());
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
