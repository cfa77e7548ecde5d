package org.tasni.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.sky.Healpix;
import java.util.stream.Stream;
import org.tasni.TasniException;

/**
 * The one place that knows the file and folder names of a TASNI data or output directory; every stage, command and
 * the pipeline asks it instead of spelling a name out.
 *
 * <pre>
 * DATA/                         a data directory ({@code simulate --out}, {@code download --out})
 *   tiles/                      {@link #tilesDir}: HEALPix nside-32 NESTED tiles
 *     wise_hpNNNNN.parquet      {@link #tileFile}: rows whose position is in pixel NNNNN
 *     gaia_hpNNNNN.parquet
 *     margin/                   {@link #marginDir}: {@link #marginFile}, rows within the margin of pixel NNNNN
 *     .parts/                   {@link #partsDir}: finished sub-regions of unfinished downloads
 *     download-journal.tsv      {@link #journal}
 *     gaia_download_summary.csv {@link #downloadSummary}
 *   targets.parquet, neowise_epochs.parquet, neowise_truth.parquet   ({@link DataFile})
 *   epochs-checkpoint/          {@link #checkpointsDir}: NEOWISE queries already answered
 * OUT/                          an output directory
 *   orphans_hpNNNNN.parquet     {@link #orphansTile}, with its run record {@link #orphansRecord} (.run.json)
 *   orphans.parquet, tiles_summary.csv, candidates.parquet, variability.parquet, periodogram.parquet,
 *   ranked.parquet, ranked.csv, report.html, pipeline_timing.json, run.json                ({@link DataFile})
 * </pre>
 *
 * <p>Tile numbers are written with five digits ({@code %05d}, nside 32 has 12,288 pixels); {@link #pixelOf} reads one
 * back. The methods only build paths: none of them creates or checks a file unless its javadoc says so.
 */
public final class TileLayout {

    /** The tiling itself: HEALPix nside 32, NESTED numbering (12,288 tiles of about 3.4 deg²). */
    public static final Healpix TILING = Healpix.nside(32);

    /** The file prefix of AllWISE tiles ({@code wise_hpNNNNN.parquet}). */
    public static final String WISE = "wise";
    /** The file prefix of Gaia tiles ({@code gaia_hpNNNNN.parquet}). */
    public static final String GAIA = "gaia";
    /** The file prefix of the tiled crossmatch's per-tile outputs ({@code orphans_hpNNNNN.parquet}). */
    public static final String ORPHANS = "orphans";

    private static final String TILES = "tiles", MARGIN = "margin", PARTS = ".parts", JOURNAL = "download-journal.tsv",
            CHECKPOINTS = "epochs-checkpoint", RECORD = ".run.json", PARQUET = ".parquet";
    private static final Pattern TILE = Pattern.compile("(\\w+?)_hp(\\d{5})\\.parquet");
    private static final Pattern PART = Pattern.compile("(\\w+)_o(\\d+)_p(\\d+)\\.parquet");

    private TileLayout() {}

    /** A file of a data or output directory whose name does not depend on a tile. */
    public enum DataFile {
        /** the targets of the NEOWISE download (designation, ra, dec) */
        TARGETS("targets.parquet"),
        /** NEOWISE epochs, one row per exposure */
        NEOWISE_EPOCHS("neowise_epochs.parquet"),
        /** the simulator's ground truth of its light curves */
        NEOWISE_TRUTH("neowise_truth.parquet"),
        /** the merged orphans of the tiled crossmatch */
        ORPHANS("orphans.parquet"),
        /** one row per tile of the tiled crossmatch */
        TILES_SUMMARY("tiles_summary.csv"),
        /** orphans that pass the pipeline's filter */
        CANDIDATES("candidates.parquet"),
        /** variability statistics, one row per source */
        VARIABILITY("variability.parquet"),
        /** Lomb–Scargle periods, one row per source */
        PERIODOGRAM("periodogram.parquet"),
        /** the ranked candidates */
        RANKED("ranked.parquet"),
        /** the ranked candidates as CSV */
        RANKED_CSV("ranked.csv"),
        /** the pipeline's HTML report */
        REPORT("report.html"),
        /** the pipeline's funnel: rows remaining after each step and cut */
        FUNNEL("funnel.json"),
        /** the pipeline's phase timings */
        PIPELINE_TIMING("pipeline_timing.json"),
        /** the pipeline's configuration and input identities */
        RUN("run.json");

        private final String fileName;

        DataFile(String fileName) {
            this.fileName = fileName;
        }

        /** The file's name, e.g. {@code orphans.parquet}. */
        public String fileName() {
            return fileName;
        }

        /** The file in {@code dir}. */
        public Path in(Path dir) {
            return dir.resolve(fileName);
        }
    }

    /** {@code DATA/tiles}: the tile directory of a data directory. */
    public static Path tilesDir(Path dataDir) {
        return dataDir.resolve(TILES);
    }

    /** {@code DATA/epochs-checkpoint}: NEOWISE queries already answered, reused by a rerun. */
    public static Path checkpointsDir(Path dataDir) {
        return dataDir.resolve(CHECKPOINTS);
    }

    /** {@code <prefix>_hpNNNNN.parquet}, e.g. {@code wise_hp06044.parquet}. */
    public static String tileFileName(String prefix, long tile) {
        return String.format(Locale.ROOT, "%s_hp%05d%s", prefix, tile, PARQUET);
    }

    /** {@code TILES/<prefix>_hpNNNNN.parquet}: the rows whose position is in pixel {@code tile}. */
    public static Path tileFile(Path tilesDir, String prefix, long tile) {
        return tilesDir.resolve(tileFileName(prefix, tile));
    }

    /** {@code TILES/margin}: the margin rows of each tile. */
    public static Path marginDir(Path tilesDir) {
        return tilesDir.resolve(MARGIN);
    }

    /** {@code TILES/margin/<prefix>_hpNNNNN.parquet}: rows outside pixel {@code tile} but within its margin. */
    public static Path marginFile(Path tilesDir, String prefix, long tile) {
        return marginDir(tilesDir).resolve(tileFileName(prefix, tile));
    }

    /** {@code TILES/.parts}: finished sub-regions of tiles not yet written (the Downloader's resume). */
    public static Path partsDir(Path tilesDir) {
        return tilesDir.resolve(PARTS);
    }

    /** {@code TILES/.parts/<prefix>_oOO_pPIX.parquet}: the rows of NESTED pixel {@code pix} at HEALPix order {@code order}. */
    public static Path partFile(Path tilesDir, String prefix, int order, long pix) {
        return partsDir(tilesDir).resolve(String.format(Locale.ROOT, "%s_o%02d_p%d%s", prefix, order, pix, PARQUET));
    }

    /** A file of {@link #partsDir} read back: its catalogue prefix, HEALPix order and NESTED pixel. */
    public record Part(String prefix, int order, long pixel) {}

    /** The part that {@code file} names, or empty if its name is not one of {@link #partFile}'s. */
    public static Optional<Part> partOf(Path file) {
        Matcher m = PART.matcher(file.getFileName().toString());
        return m.matches() ? Optional.of(new Part(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))))
                : Optional.empty();
    }

    /** {@code TILES/download-journal.tsv}: the Downloader's record of jobs, splits and finished tiles. */
    public static Path journal(Path tilesDir) {
        return tilesDir.resolve(JOURNAL);
    }

    /**
     * {@code TILES/<catalog>_download_summary.csv}: the {@code download} command's table of one run, named by the
     * catalogue as the user chose it ({@code allwise}, {@code gaia}).
     */
    public static Path downloadSummary(Path tilesDir, String catalog) {
        return tilesDir.resolve(catalog + "_download_summary.csv");
    }

    /** {@code OUT/orphans_hpNNNNN.parquet}: the orphans of one tile. */
    public static Path orphansTile(Path outDir, long tile) {
        return tileFile(outDir, ORPHANS, tile);
    }

    /** {@code OUT/orphans_hpNNNNN.run.json}: what a tile's output was made from (its configuration and inputs). */
    public static Path orphansRecord(Path outDir, long tile) {
        String name = tileFileName(ORPHANS, tile);
        return outDir.resolve(name.substring(0, name.length() - PARQUET.length()) + RECORD);
    }

    /**
     * Every file a tiled crossmatch of these WISE tiles may write in {@code outDir}: each tile's orphans and run record,
     * the merged orphans and the summary. No other output of the run (its stats JSON) may be any of them.
     */
    public static List<Path> tiledMatchOutputs(Path outDir, Collection<Long> wiseTiles) {
        List<Path> files = new ArrayList<>(List.of(DataFile.ORPHANS.in(outDir), DataFile.TILES_SUMMARY.in(outDir)));
        for (long t : wiseTiles) {
            files.add(orphansTile(outDir, t));
            files.add(orphansRecord(outDir, t));
        }
        return files;
    }

    /**
     * The pixel a tile file is named for ({@code wise_hp06044.parquet} → 6044), if its name is
     * {@code <prefix>_hpNNNNN.parquet}; empty otherwise (another prefix, another name).
     */
    public static OptionalLong pixelOf(String prefix, Path file) {
        Matcher m = TILE.matcher(file.getFileName().toString());
        return m.matches() && m.group(1).equals(prefix) ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
    }

    /**
     * The tile files with {@code prefix} directly in {@code tilesDir}, by pixel, in pixel order (not the margin's).
     *
     * @throws TasniException if the directory cannot be listed
     */
    public static TreeMap<Long, Path> list(Path tilesDir, String prefix) {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(tilesDir)) {
            s.forEach(p -> pixelOf(prefix, p).ifPresent(t -> out.put(t, p)));
        } catch (IOException e) {
            throw new TasniException(tilesDir + ": cannot list the tile directory (" + e.getMessage() + ").", e);
        }
        return out;
    }

    /**
     * The tiles of a list such as {@code --tiles} takes: {@code A-B} (inclusive), {@code a,b,c}, or a mix such as
     * {@code 1,5-8}; sorted, each once. The command line and {@code Pipeline.tiles(String)} read it alike.
     *
     * @throws TasniException naming the part that is not a tile number or a range within [0, 12287]
     */
    public static long[] parseTiles(String spec) {
        long npix = TILING.npix();
        List<Long> out = new ArrayList<>();
        for (String part : TasniException.requireGiven(spec, "the tile list").split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                long a = Long.parseLong(dash < 0 ? p : p.substring(0, dash).trim());
                long b = dash < 0 ? a : Long.parseLong(p.substring(dash + 1).trim());
                if (a < 0 || b >= npix || b < a) {
                    throw new TasniException("tiles: '" + p + "' is not a range within [0, " + (npix - 1) + "].");
                }
                for (long t = a; t <= b; t++) {
                    out.add(t);
                }
            } catch (NumberFormatException e) {
                throw new TasniException("tiles: '" + p + "' is not a tile number or an inclusive range A-B.");
            }
        }
        return out.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    }
}
