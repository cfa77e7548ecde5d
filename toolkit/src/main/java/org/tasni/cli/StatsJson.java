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
 * {@code compute_s}, {@code write_s}, …) and counts ({@code n_…}), in the order they were added.
 */
final class StatsJson {

    private final Map<String, Object> values = new LinkedHashMap<>();

    StatsJson put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Adds every {@code n_dropped_…} count of {@code drops} (zeros included) and their total {@code n_dropped}. */
    StatsJson putDrops(DropCounts drops) {
        values.putAll(drops.toJson());
        return this;
    }

    /**
     * Adds {@code n_unusable_<band>_nonfinite_magnitude}, {@code …_magnitude_out_of_range} and {@code …_bad_error}
     * (zeros included) and their total
     * {@code n_unusable_<band>}: measurements of one band left out while the row's other values were used.
     */
    StatsJson putUnusable(String band, DropCounts counts) {
        values.put("n_unusable_" + band, counts.total());
        for (DropReason r : new DropReason[] {DropReason.NONFINITE_MAGNITUDE, DropReason.MAGNITUDE_OUT_OF_RANGE,
                DropReason.BAD_ERROR}) {
            values.put(r.key().replace("n_dropped", "n_unusable_" + band), counts.get(r));
        }
        return this;
    }

    /** Seconds since {@code startNanos}, rounded to the microsecond. */
    static double since(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e3) / 1e6;
    }

    static double seconds(double s) {
        return Math.round(s * 1e6) / 1e6;
    }

    void writeIfAsked(Path path) {
        if (path == null) {
            return;
        }
        String json;
        try {
            json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.write(path, tmp -> Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8));
    }
}
