package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tasni.TasniException;
import org.tasni.Threads;
import org.tasni.crossmatch.Backend;
import org.tasni.io.TileLayout;
import org.tasni.variability.PeriodogramConfig;
import org.tasni.variability.VariabilityConfig.Preset;

/**
 * Everything a pipeline run depends on. A phase is reused only when the parts of this it reads ({@link #settingsOf})
 * and its input files are unchanged.
 *
 * @param data         the data directory: {@code tiles/} and, for {@link Source#SAMPLES}, {@code neowise_epochs.parquet}
 * @param out          the output directory
 * @param source       where tiles and epochs come from
 * @param tapUrl       the TAP service of {@link Source#TAP}
 * @param tiles        the HEALPix nside-32 NESTED tiles to download (TAP and IRSA; SAMPLES uses the tiles it has),
 *                     kept sorted, each once
 * @param threads      worker threads of the crossmatch, variability and periodogram
 * @param backend      the crossmatch backend (results do not depend on it)
 * @param engine       where the crossmatch phase runs: this JVM's tiled match or Spark
 * @param radiusArcsec the match radius, arcsec
 * @param wiseEpoch    the AllWISE epoch, Julian year (2010.5)
 * @param gaiaEpoch    the Gaia DR3 epoch, Julian year (2016.0)
 * @param preset       the variability and periodogram preset
 * @param cuts         the candidate cuts
 * @param upload       targets per TAP_UPLOAD join when fetching epochs from a service
 * @param top          candidates shown in detail in the report
 */
public record PipelineConfig(Path data, Path out, Source source, Optional<String> tapUrl, List<Long> tiles,
        int threads, Backend backend, Engine engine, double radiusArcsec, double wiseEpoch, double gaiaEpoch, Preset preset,
        CandidateCuts cuts, int upload, int top) {

    /** The sample tiles: four nside-32 tiles that meet at one corner near RA 84°, Dec +21°. */
    public static final List<Long> SAMPLE_TILES = List.of(6044L, 6045L, 6046L, 6047L);

    public PipelineConfig {
        // each named where it is given (a wither, the command line), not met later as a NullPointerException of a
        // phase, after run.json had been written and the download run
        requireGivenPath(data, "the data directory", "--data, or Pipeline.on(DIR)");
        requireGivenPath(out, "the output directory", "--out, or .out(DIR)");
        TasniException.requireGiven(source, "the source");
        TasniException.requireGiven(tapUrl, "the TAP service's URL");
        TasniException.requireGiven(tiles, "the tile list");
        TasniException.requireGiven(backend, "the crossmatch backend");
        TasniException.requireGiven(engine, "the crossmatch engine");
        TasniException.requireGiven(preset, "the variability preset");
        TasniException.requireGiven(cuts, "the set of candidate cuts");
        if (source == Source.TAP && tapUrl.isEmpty()) {
            throw new TasniException("--source tap needs --tap-url (the TAP service's base URL).");
        }
        if (!(radiusArcsec > 0 && radiusArcsec <= 3600)) {
            throw new TasniException("--radius must be in (0, 3600] arcsec (got " + radiusArcsec + ").");
        }
        Threads.check(threads, "--threads");
        if (upload < 1) {
            throw new TasniException("upload must be >= 1 target per join (got " + upload + ").");
        }
        if (top < 0 || top > 50) {
            throw new TasniException("--top must be in [0, 50]: the report shows that many candidates in detail (got "
                    + top + ").");
        }
        // each tile once and in order, however given: the downloader fetches a tile named twice only once anyway
        tiles = tiles.stream().map(t -> checkTile(TasniException.requireGiven(t, "a tile of the tile list"))).distinct()
                .sorted().toList();
        if (tiles.isEmpty() && source != Source.SAMPLES) {
            throw new TasniException("--source " + source + " has no tiles to download: give --tiles A-B (or "
                    + ".tiles(from, to) in a notebook).");
        }
    }

    /** A path that is given and not empty: an empty one (--out '') would have meant the current directory. */
    private static void requireGivenPath(Path p, String what, String how) {
        if (TasniException.requireGiven(p, what).toString().isBlank()) {
            throw new TasniException(what + " (" + how + ") is an empty path, which would mean the current "
                    + "directory; give a directory.");
        }
    }

    private static long checkTile(long t) {
        if (t < 0 || t >= TileLayout.TILING.npix()) {
            throw new TasniException("tile " + t + " is outside [0, " + (TileLayout.TILING.npix() - 1)
                    + "] (HEALPix nside 32).");
        }
        return t;
    }

    /** The defaults: data-samples/ into tasni-out/, offline, 3″, standard preset, the reference's cuts. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(Path.of("data-samples"), Path.of("tasni-out"), Source.SAMPLES, Optional.empty(),
                SAMPLE_TILES, Runtime.getRuntime().availableProcessors(), Backend.CPU, Engine.CPU, 3.0, 2010.5, 2016.0,
                Preset.STANDARD, CandidateCuts.reference(), 500, 5);
    }

    public PipelineConfig withData(Path dir) {
        return new PipelineConfig(dir, out, source, tapUrl, tiles, threads, backend, engine, radiusArcsec, wiseEpoch, gaiaEpoch,
                preset, cuts, upload, top);
    }

    public PipelineConfig withOut(Path dir) {
        return new PipelineConfig(data, dir, source, tapUrl, tiles, threads, backend, engine, radiusArcsec, wiseEpoch,
                gaiaEpoch, preset, cuts, upload, top);
    }

    /** The source; for TAP give the URL with {@link #withTapUrl} first or together. */
    public PipelineConfig withSource(Source s, Optional<String> url) {
        return new PipelineConfig(data, out, s, url, tiles, threads, backend, engine, radiusArcsec, wiseEpoch, gaiaEpoch,
                preset, cuts, upload, top);
    }

    public PipelineConfig withTapUrl(String url) {
        return withSource(Source.TAP, Optional.of(TasniException.requireGiven(url, "the TAP service's URL")));
    }

    public PipelineConfig withTiles(List<Long> list) {
        return new PipelineConfig(data, out, source, tapUrl, list, threads, backend, engine, radiusArcsec, wiseEpoch,
                gaiaEpoch, preset, cuts, upload, top);
    }

    public PipelineConfig withThreads(int n) {
        return new PipelineConfig(data, out, source, tapUrl, tiles, n, backend, engine, radiusArcsec, wiseEpoch, gaiaEpoch,
                preset, cuts, upload, top);
    }

    public PipelineConfig withBackend(Backend b) {
        return new PipelineConfig(data, out, source, tapUrl, tiles, threads, b, engine, radiusArcsec, wiseEpoch, gaiaEpoch,
                preset, cuts, upload, top);
    }

    /** A copy whose crossmatch phase runs on {@code e}: the tiled match in this JVM, or Spark (see {@link Engine}). */
    public PipelineConfig withEngine(Engine e) {
        if (e == null) {
            throw new TasniException("engine must be CPU or SPARK (got null).");
        }
        return new PipelineConfig(data, out, source, tapUrl, tiles, threads, backend, e, radiusArcsec, wiseEpoch,
                gaiaEpoch, preset, cuts, upload, top);
    }

    public PipelineConfig withRadius(double arcsec) {
        return new PipelineConfig(data, out, source, tapUrl, tiles, threads, backend, engine, arcsec, wiseEpoch, gaiaEpoch,
                preset, cuts, upload, top);
    }

    public PipelineConfig withPreset(Preset p) {
        return new PipelineConfig(data, out, source, tapUrl, tiles, threads, backend, engine, radiusArcsec, wiseEpoch,
                gaiaEpoch, p, cuts, upload, top);
    }

    public PipelineConfig withCuts(CandidateCuts c) {
        return new PipelineConfig(data, out, source, tapUrl, tiles, threads, backend, engine, radiusArcsec, wiseEpoch,
                gaiaEpoch, preset, c, upload, top);
    }

    public PipelineConfig withUpload(int targetsPerJoin) {
        return new PipelineConfig(data, out, source, tapUrl, tiles, threads, backend, engine, radiusArcsec, wiseEpoch,
                gaiaEpoch, preset, cuts, targetsPerJoin, top);
    }

    public PipelineConfig withTop(int n) {
        return new PipelineConfig(data, out, source, tapUrl, tiles, threads, backend, engine, radiusArcsec, wiseEpoch,
                gaiaEpoch, preset, cuts, upload, n);
    }

    /**
     * The false-alarm threshold of the preset's periodogram: a band's best period is significant below it. The rank
     * phase reads it to tell a significant cadence alias, which the periodogram never calls periodic.
     */
    public double fapThreshold() {
        return periodogram().fapThreshold();
    }

    /** The periodogram of the preset (the periodogram phase runs it; the rank phase reads its threshold). */
    public PeriodogramConfig periodogram() {
        return PeriodogramConfig.Preset.of(preset.toString()).config();
    }

    /** Where the tiles are: {@code DATA/tiles}. */
    public Path tilesDir() {
        return data.resolve("tiles");
    }

    /**
     * The settings {@code phase} reads, by name: what its reuse depends on besides its input files. Threads and the
     * backend are left out on purpose: they change the speed, never the result.
     */
    public Map<String, Object> settingsOf(Phase phase) {
        Map<String, Object> m = new LinkedHashMap<>();
        // a new toolkit may compute differently (a fixed bug): its outputs are never taken for the old one's
        m.put("toolkit", Version.get());
        switch (phase) {
            case DOWNLOAD -> {
                m.put("source", source.toString());
                tapUrl.ifPresent(u -> m.put("tap_url", u));
                if (source != Source.SAMPLES) {
                    m.put("tiles", tiles);
                    m.put("radius_arcsec", radiusArcsec);
                }
            }
            case CROSSMATCH -> {
                m.put("radius_arcsec", radiusArcsec);
                m.put("wise_epoch", wiseEpoch);
                m.put("gaia_epoch", gaiaEpoch);
            }
            case FILTER -> m.put("cuts", cuts.toString());
            case EPOCHS -> {
                m.put("source", source.toString());
                tapUrl.ifPresent(u -> m.put("tap_url", u));
            }
            case VARIABILITY, PERIODOGRAM -> m.put("preset", preset.toString());
            case RANK -> {
                m.put("radius_arcsec", radiusArcsec);
                m.put("cuts", cuts.toString());
                // which alias bands are significant (the cadence_alias caveat) depends on it
                m.put("fap_threshold", fapThreshold());
            }
            case REPORT -> m.put("top", top);
        }
        return m;
    }

    /** Every setting, as {@code run.json} records it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        // absolute, so that status and a resumed pipeline find the data from any working directory
        m.put("data", data.toAbsolutePath().normalize().toString());
        m.put("out", out.toAbsolutePath().normalize().toString());
        m.put("source", source.toString());
        m.put("tap_url", tapUrl.orElse(""));
        m.put("tiles", tiles);
        m.put("threads", threads);
        m.put("backend", backend.toString());
        m.put("engine", engine.toString());
        m.put("radius_arcsec", radiusArcsec);
        m.put("wise_epoch", wiseEpoch);
        m.put("gaia_epoch", gaiaEpoch);
        m.put("preset", preset.toString());
        // in this order in every run: Map.of's order changes from one JVM to the next, and with it run.json's bytes
        // and the report's table of settings
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("min_w1snr", cuts.minW1Snr());
        c.put("min_w2snr", cuts.minW2Snr());
        c.put("ph_qual", cuts.phQual());
        c.put("cc_flags", cuts.ccFlags());
        c.put("min_w1_w2", cuts.minW1W2());
        m.put("cuts", c);
        m.put("upload", upload);
        m.put("top", top);
        return m;
    }
}
