package org.tasni.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tasni.TasniException;

/**
 * The pipeline's JSON files as records: {@code funnel.json}, {@code pipeline_timing.json} and {@code run.json}, as the
 * pipeline contract of issue #13 lays them out. Reading is strict where the report would otherwise show a wrong number
 * (a funnel step without a row count) and lenient where a field is only shown (a phase without a peak heap shows
 * "–").
 */
final class RunRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRecords() {}

    /** One step of the funnel: what remains after it. */
    record Step(String step, long rows) {}

    /**
     * One phase of a run, as {@code pipeline_timing.json} records it; a missing number is NaN (times, heap) or -1
     * (rows).
     */
    record Phase(String phase, String status, String start, String end, double elapsedS, long rowsIn, long rowsOut,
            double peakHeapMb, List<String> notes) {

        /** Whether the phase failed, so the run's outputs from it on may be missing or stale. */
        boolean failed() {
            return "failed".equalsIgnoreCase(status);
        }
    }

    /** All phases in run order, the run's total time and its warnings. */
    record Timing(List<Phase> phases, double totalS, List<String> warnings) {

        /** The phase of that name, or null when the run has not reached it. */
        Phase phase(String name) {
            return phases.stream().filter(p -> p.phase().equals(name)).findFirst().orElse(null);
        }

        /** Warnings and phase notes together: everything the run said besides its numbers. */
        int messageCount() {
            return warnings.size() + phases.stream().mapToInt(p -> p.notes().size()).sum();
        }
    }

    /** One input file of the run and its identity. */
    record Input(String path, long bytes, String mtime) {}

    /** The toolkit version, the configuration flattened to (key, value) pairs in file order, and the inputs. */
    record Run(String toolkit, List<Map.Entry<String, String>> config, List<Input> inputs) {}

    /**
     * Reads {@code funnel.json}.
     *
     * @throws TasniException naming the file and the step if a step has no name or no integer row count
     */
    static List<Step> funnel(Path file) {
        JsonNode steps = read(file).path("steps");
        if (!steps.isArray()) {
            throw new TasniException(file + ": no \"steps\" array.");
        }
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            if (!s.path("step").isTextual() || !s.path("rows").canConvertToLong() || !s.path("rows").isIntegralNumber()) {
                throw new TasniException(file + ": step " + (i + 1) + " needs a \"step\" name and an integer \"rows\" (got "
                        + s + ").");
            }
            out.add(new Step(s.get("step").asText(), s.get("rows").asLong()));
        }
        return List.copyOf(out);
    }

    /** Reads {@code pipeline_timing.json}. @throws TasniException naming the file if it is not JSON or has no phases */
    static Timing timing(Path file) {
        JsonNode root = read(file);
        if (!root.path("phases").isArray()) {
            throw new TasniException(file + ": no \"phases\" array.");
        }
        List<Phase> phases = new ArrayList<>();
        for (JsonNode p : root.get("phases")) {
            phases.add(new Phase(p.path("phase").asText("?"), p.path("status").asText(""), p.path("start").asText(""),
                    p.path("end").asText(""), number(p, "elapsed_s"), count(p, "rows_in"), count(p, "rows_out"),
                    number(p, "peak_heap_mb"), texts(p.path("notes"))));
        }
        return new Timing(List.copyOf(phases), number(root, "total_s"), texts(root.path("warnings")));
    }

    /** Reads {@code run.json}. @throws TasniException naming the file if it is not a JSON object */
    static Run run(Path file) {
        JsonNode root = read(file);
        List<Map.Entry<String, String>> config = new ArrayList<>();
        flatten("", root.path("config"), config);
        List<Input> inputs = new ArrayList<>();
        for (JsonNode in : root.path("inputs")) {
            inputs.add(new Input(in.path("path").asText(""), count(in, "bytes"), in.path("mtime").asText("")));
        }
        return new Run(root.path("toolkit").asText(""), List.copyOf(config), List.copyOf(inputs));
    }

    private static JsonNode read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TasniException(file + ": not readable as JSON (" + e.getMessage().lines().findFirst().orElse("") + ").", e);
        }
        if (root == null || !root.isObject()) {
            throw new TasniException(file + ": expected a JSON object.");
        }
        return root;
    }

    /** Nested objects become dotted keys ({@code cuts.w1snr}) so the configuration is one two-column table. */
    private static void flatten(String prefix, JsonNode n, List<Map.Entry<String, String>> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (!n.isMissingNode()) {
            out.add(Map.entry(prefix, n.isValueNode() ? n.asText() : n.toString()));
        }
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static long count(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isIntegralNumber() ? v.asLong() : -1;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array) {
            out.add(s.asText());
        }
        return List.copyOf(out);
    }
}
