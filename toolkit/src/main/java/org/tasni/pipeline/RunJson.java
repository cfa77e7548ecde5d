package org.tasni.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tasni.TasniException;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.VariabilityConfig.Preset;

/** Reads back the configuration a run recorded in {@code run.json} (the writer is {@link Runner}). */
final class RunJson {

    private RunJson() {}

    /** A key the run record must have; a record without it (edited, or cut short) is refused naming the key. */
    private static JsonNode field(JsonNode node, String key, Path f) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isNull()) {
            throw new TasniException(f + ": not a readable run record (no \"" + key + "\"); was it edited? Run the "
                    + "pipeline again, or remove the file to start afresh.");
        }
        return v;
    }

    static PipelineConfig read(Path out) {
        Path f = DataFile.RUN.in(out);
        if (!Files.isRegularFile(f)) {
            throw new TasniException(f + ": missing; is " + out + " a pipeline output directory (made by run)?");
        }
        try {
            JsonNode c = field(Stamp.JSON.readTree(f.toFile()), "config", f);
            List<Long> tiles = new ArrayList<>();
            field(c, "tiles", f).forEach(t -> tiles.add(t.asLong()));
            JsonNode cuts = field(c, "cuts", f);
            String tap = field(c, "tap_url", f).asText();
            return PipelineConfig.defaults().withData(Path.of(field(c, "data", f).asText())).withOut(out)
                    .withSource(Source.valueOf(field(c, "source", f).asText().toUpperCase()),
                            tap.isEmpty() ? Optional.empty() : Optional.of(tap))
                    .withTiles(tiles).withRadius(field(c, "radius_arcsec", f).asDouble())
                    .withPreset(Preset.of(field(c, "preset", f).asText())).withTop(field(c, "top", f).asInt())
                    .withCuts(new CandidateCuts(field(cuts, "min_w1snr", f).asDouble(),
                            field(cuts, "min_w2snr", f).asDouble(), field(cuts, "ph_qual", f).asText(),
                            field(cuts, "cc_flags", f).asText(), field(cuts, "min_w1_w2", f).asDouble()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof TasniException te) {
                throw te;
            }
            throw new TasniException(f + ": not a readable run record (" + e.getMessage() + ").", e);
        }
    }
}
