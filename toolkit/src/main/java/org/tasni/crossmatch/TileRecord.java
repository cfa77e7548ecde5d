package org.tasni.crossmatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tasni.io.AtomicFiles;
import org.tasni.io.DropReason;

/**
 * What a tile's run produced and from what: {@code orphans_hpNNNNN.run.json}, the resume record of {@link TiledMatch}.
 * A rerun reuses a tile's output only when the configuration, the identity of every input and of the output are
 * unchanged; a record that cannot be read means the tile is matched again.
 */
record TileRecord(String config, Map<String, String> inputs, String output, int[] counts, String message,
        Map<DropReason, Long> wiseDropped, Map<DropReason, Long> gaiaDropped) {

    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Path path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("inputs", inputs);
        m.put("output", output); // the tile's orphans file as written: replaced or touched since, not reused
        m.put("counts", counts);
        m.put("message", message);
        m.put("wise_dropped", keys(wiseDropped));
        m.put("gaia_dropped", keys(gaiaDropped));
        AtomicFiles.write(path, tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m));
    }

    private static Map<String, Long> keys(Map<DropReason, Long> d) {
        Map<String, Long> m = new TreeMap<>();
        d.forEach((r, n) -> m.put(r.name(), n));
        return m;
    }

    /** The record, or null if there is none or it cannot be read (then the tile is recomputed). */
    static TileRecord read(Path path) {
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try {
            var n = JSON.readTree(path.toFile());
            Map<String, String> inputs = new TreeMap<>();
            n.get("inputs").fields().forEachRemaining(f -> inputs.put(f.getKey(), f.getValue().asText()));
            int[] counts = new int[5];
            for (int k = 0; k < 5; k++) {
                counts[k] = n.get("counts").get(k).asInt();
            }
            return new TileRecord(n.get("config").asText(), inputs, n.get("output").asText(), counts, n.get("message").asText(),
                    drops(n.get("wise_dropped")), drops(n.get("gaia_dropped")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<DropReason, Long> drops(JsonNode n) {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        n.fields().forEachRemaining(f -> m.put(DropReason.valueOf(f.getKey()), f.getValue().asLong()));
        return m;
    }

    /** Whether this record says that {@code out} was written by a run with {@code config} from {@code inputs}. */
    boolean reusable(String config, Map<String, String> inputs, Path out) {
        return this.config.equals(config) && this.inputs.equals(inputs) && output.equals(identity(out));
    }

    /**
     * Size and mtime of each of {@code files} (absent ones as "absent", so that downloading a missing neighbour
     * changes the identity), by path relative to {@code dir}.
     */
    static Map<String, String> identities(Path dir, List<Path> files) {
        Map<String, String> m = new TreeMap<>();
        for (Path f : files) {
            m.put(dir.relativize(f).toString(), identity(f));
        }
        return m;
    }

/** "SIZE bytes, mtime MILLIS", or "absent". */
static String identity(Path f) {
    try {
        var a = Files.readAttributes(f, BasicFileAttributes.class);
        return a.size() + " bytes, mtime " + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
        return "absent";
    }
}
}
