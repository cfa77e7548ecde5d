package org.tasni.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tasni.io.AtomicFiles;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;

/**
 * The {@code --stats-json} file: phase timings measured in process ({@code read_s}, {@code match_s} or
 * {@code compute_s}, {@code write_s}, …) and counts ({@code n_…}), in the order they were added. Public for the
 * commands of other modules (the Spark crossmatch), so that one reader reads every command's file.
 */
public final class StatsJson {

    private final Map<String, Object> values = new LinkedHashMap<>();

    public StatsJson put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Adds every {@code n_dropped_…} count of {@code drops} (zeros included) and their total {@code n_dropped}. */
    public StatsJson putDrops(DropCounts drops) {
        values.putAll(drops.toJson());
        return this;
    }

    /**
     * {@link #putDrops(DropCounts)} for a second kind of row of the same run, under {@code n_<rows>_dropped…}: the
     * epochs of a NEOWISE download, whose target rows are {@code n_dropped…}.
     */
    public StatsJson putDrops(String rows, DropCounts drops) {
        drops.toJson().forEach((k, v) -> values.put(k.replaceFirst("^n_dropped", "n_" + rows + "_dropped"), v));
        return this;
    }

    /**
     * Adds {@code n_unusable_<band>_nonfinite_magnitude}, {@code …_magnitude_out_of_range} and {@code …_bad_error}
     * (zeros included) and their total
     * {@code n_unusable_<band>}: measurements of one band left out while the row's other values were used.
     */
    public StatsJson putUnusable(String band, DropCounts counts) {
        values.put("n_unusable_" + band, counts.total());
        for (DropReason r : new DropReason[] {DropReason.NONFINITE_MAGNITUDE, DropReason.MAGNITUDE_OUT_OF_RANGE,
                DropReason.BAD_ERROR}) {
            values.put(r.key().replace("n_dropped", "n_unusable_" + band), counts.get(r));
        }
        return this;
    }

    /** Seconds since {@code startNanos}, rounded to the microsecond. */
    public static double since(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e3) / 1e6;
    }

    public static double seconds(double s) {
        return Math.round(s * 1e6) / 1e6;
    }

    public void writeIfAsked(Path path) {
        if (path == null) {
            return;
        }
        String json = text();
        AtomicFiles.write(path, tmp -> Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8));
    }

    /**
     * The JSON text, as Jackson's default pretty printer writes it. A flat map of strings, numbers and booleans (what
     * every command puts) is written here: Jackson's first call in a fresh JVM took 0.26-0.29 s even with the launcher's
     * class archive (busy machine), a tenth of a whole crossmatch, to print twenty numbers. Anything else goes to
     * Jackson.
     */
    public String text() {
        StringBuilder b = new StringBuilder(32 * values.size() + 4).append('{');
        String sep = "\n  ";
        for (Map.Entry<String, Object> e : values.entrySet()) {
            b.append(sep);
            quote(b, e.getKey());
            b.append(" : ");
            Object v = e.getValue();
            if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
                b.append(v);
            } else if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    b.append(v); // Double.toString and Float.toString: what Jackson writes
                } else {
                    quote(b, v.toString()); // Jackson writes NaN and the infinities as strings by default
                }
            } else if (v instanceof String str) {
                quote(b, str);
            } else {
                return jackson();
            }
            sep = ",\n  ";
        }
        return values.isEmpty() ? "{ }" : b.append("\n}").toString();
    }

    /** {@code s} quoted and escaped as Jackson escapes it: the two-character forms where JSON has one, else \\u00XX. */
    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private String jackson() {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
