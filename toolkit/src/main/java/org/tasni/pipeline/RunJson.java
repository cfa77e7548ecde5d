package org.tasni.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tasni.TasniException;
import org.tasni.crossmatch.Backend;
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

    /** A number the record must hold at {@code key}: a word there ("abc") had been read as 0. */
    private static JsonNode number(JsonNode node, String key, Path f) {
        JsonNode v = field(node, key, f);
        if (!v.isNumber()) {
            throw notA(f, key, "a number", v);
        }
        return v;
    }

    private static String text(JsonNode node, String key, Path f) {
        JsonNode v = field(node, key, f);
        if (!v.isTextual()) {
            throw notA(f, key, "a string", v);
        }
        return v.asText();
    }

    /** The tiles, a list of tile numbers: "abc" there had been read as no tiles at all. */
    private static List<Long> tiles(JsonNode c, Path f) {
        JsonNode v = field(c, "tiles", f);
        List<Long> tiles = new ArrayList<>();
        for (JsonNode t : v) {
            if (!t.isIntegralNumber() || !t.canConvertToLong()) {
                throw notA(f, "tiles", "a list of tile numbers", v);
            }
            tiles.add(t.asLong());
        }
        if (!v.isArray()) { // a word or a number iterates as nothing
            throw notA(f, "tiles", "a list of tile numbers", v);
        }
        return tiles;
    }

    private static TasniException notA(Path f, String key, String what, JsonNode got) {
        return new TasniException(f + ": not a readable run record (\"" + key + "\" must be " + what + ", got "
                + got + "); was it edited? Run the pipeline again, or remove the file to start afresh.");
    }

    /** An enum constant by its name in any case (run.json writes {@code "cpu"}, {@code "CPU"}). */
    private static <E extends Enum<E>> E constant(Class<E> type, JsonNode c, String key, Path f) {
        String name = text(c, key, f);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw notA(f, key, "one of " + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList(), TextNode.valueOf(name));
    }

    static PipelineConfig read(Path out) {
        Path f = DataFile.RUN.in(out);
        if (!Files.isRegularFile(f)) {
            throw new TasniException(f + ": missing; is " + out + " a pipeline output directory (made by run)?");
        }
        try {
            JsonNode c = field(Stamp.JSON.readTree(f.toFile()), "config", f);
            JsonNode cuts = field(c, "cuts", f);
            String tap = text(c, "tap_url", f);
            PipelineConfig p = PipelineConfig.defaults().withData(Path.of(text(c, "data", f))).withOut(out)
                    .withSource(constant(Source.class, c, "source", f), tap.isEmpty() ? Optional.empty() : Optional.of(tap))
                    .withTiles(tiles(c, f)).withRadius(number(c, "radius_arcsec", f).asDouble())
                    .withPreset(Preset.of(text(c, "preset", f))).withTop(number(c, "top", f).asInt())
                    .withCuts(new CandidateCuts(number(cuts, "min_w1snr", f).asDouble(),
                            number(cuts, "min_w2snr", f).asDouble(), text(cuts, "ph_qual", f),
                            text(cuts, "cc_flags", f), number(cuts, "min_w1_w2", f).asDouble()));
            // the run's speed settings, kept when the record has them, so that going on runs as the run did
            if (c.hasNonNull("threads")) {
                p = p.withThreads(number(c, "threads", f).asInt());
            }
            if (c.hasNonNull("backend")) {
                p = p.withBackend(constant(Backend.class, c, "backend", f));
            }
            if (c.hasNonNull("engine")) {
                p = p.withEngine(constant(Engine.class, c, "engine", f));
            }
            if (c.hasNonNull("upload")) {
                p = p.withUpload(number(c, "upload", f).asInt());
            }
            return p;
        } catch (TasniException e) {
            if (e.getMessage().startsWith(f.toString())) {
                throw e;
            }
            // a value the configuration refuses ("--radius must be in (0, 3600]"): say which file holds it
            throw new TasniException(f + ": not a readable run record: " + e.getMessage() + " Was it edited? Run the "
                    + "pipeline again, or remove the file to start afresh.", e);
        } catch (IOException | RuntimeException e) {
            throw new TasniException(f + ": not a readable run record (" + e.getMessage() + ").", e);
        }
    }
}
