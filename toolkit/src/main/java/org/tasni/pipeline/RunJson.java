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

    static PipelineConfig read(Path out) {
        Path f = DataFile.RUN.in(out);
        if (!Files.isRegularFile(f)) {
            throw new TasniException(f + ": missing; is " + out + " a pipeline output directory (made by run)?");
        }
        try {
            JsonNode c = Stamp.JSON.readTree(f.toFile()).get("config");
            List<Long> tiles = new ArrayList<>();
            c.get("tiles").forEach(t -> tiles.add(t.asLong()));
            JsonNode cuts = c.get("cuts");
            String tap = c.get("tap_url").asText();
            return PipelineConfig.defaults().withData(Path.of(c.get("data").asText())).withOut(out)
                    .withSource(Source.valueOf(c.get("source").asText().toUpperCase()),
                            tap.isEmpty() ? Optional.empty() : Optional.of(tap))
                    .withTiles(tiles).withRadius(c.get("radius_arcsec").asDouble())
                    .withPreset(Preset.of(c.get("preset").asText())).withTop(c.get("top").asInt())
                    .withCuts(new CandidateCuts(cuts.get("min_w1snr").asDouble(), cuts.get("min_w2snr").asDouble(),
                            cuts.get("ph_qual").asText(), cuts.get("cc_flags").asText(), cuts.get("min_w1_w2").asDouble()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof TasniException te) {
                throw te;
            }
            throw new TasniException(f + ": not a readable run record (" + e.getMessage() + ").", e);
        }
    }
}
