package org.tasni.crossmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.io.ParquetIO;
import org.tasni.io.ResultTable;
import org.tasni.io.SameColumns;
import org.tasni.io.TableIO;
import org.tasni.io.TableReport;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import org.tasni.sky.Healpix;
import tech.tablesaw.api.Table;

/**
 * Orphans of a directory of HEALPix tiles ({@code wise_hpNNNNN.parquet} against {@code gaia_hpNNNNN.parquet}, nside
 * 32 NESTED), tile by tile, equal to the orphans of the union of the tiles.
 *
 * <pre>{@code
 * var summary = TiledMatch.of(CrossMatcher.radius(3).propagate(2016.0, 2010.5)).run(Path.of("data/tiles"), Path.of("out"));
 * }</pre>
 *
 * <h2>Margins</h2>
 * Each WISE tile is matched against its own Gaia tile plus a margin: the rows of every Gaia tile within reach whose
 * position (after proper-motion propagation, when the matcher propagates) lies within {@code margin} of the tile.
 * Because the margin is taken after propagation, R suffices for correctness; it is {@code max(R, 60″)} by default so
 * that {@code nearest_sep_arcsec} is also exact up to 60″ (beyond the margin it is an upper bound: a closer source may
 * lie farther outside). A Gaia row qualifies when its order-f HEALPix pixel or one of that pixel's 8 neighbours lies
 * in the tile, with f the finest order whose pixels are at least 4 margins wide, so every row within the margin is kept.
 *
 * <h2>Files, resume, completeness</h2>
 * Output goes to {@code orphans_hpNNNNN.parquet} per tile (atomic writes), then a streaming merge writes
 * {@code orphans.parquet} row group by row group. Next to each tile's output, {@code orphans_hpNNNNN.run.json}
 * records the configuration (radius, propagation, margin, columns) and the identity (size and mtime) of every input
 * the tile read or looked for: its WISE and Gaia files, the Gaia files of the tiles within reach (present or absent)
 * and its margin file; with the identity of the output it wrote, its counts, drops and caveat. A rerun reuses a tile's output only when all of these are
 * unchanged (status DONE_BEFORE, counts and caveat from the record); otherwise the tile is matched again and
 * {@code recomputed} says so. A tile flagged for a missing neighbour is therefore recomputed once that neighbour (or
 * the margin file) is downloaded. {@code out} must not be the tile directory, and no output may be an input.
 *
 * <h2>Tiles are what their names say</h2>
 * The Downloader and the simulator put into {@code wise_hpNNNNN}/{@code gaia_hpNNNNN} exactly the rows whose
 * position (as stored, no propagation) is in pixel NNNNN; margins live in {@code margin/}. A row of a tile's own file
 * in another pixel is dropped and counted as {@code WRONG_TILE}; when more than half of a file's rows are elsewhere,
 * the file is not the tile it is named for and the tile fails (status ERROR) with a message naming the file and a row,
 * as do the tiles that read it for their margin (their border matches would be lost). Rows of neighbouring files
 * outside their pixel are not taken as margin (they are counted in their own tile). The check uses the positions as
 * stored, at the file's own epoch, before any propagation. A WISE row whose id ({@code source_id}, else
 * {@code designation}, else {@code cntr}, or the id of {@link CrossMatcher#leftColumns}) an earlier row of its tile has
 * is dropped and counted as {@code DUPLICATE}: the first is kept, as the Downloader keeps it.
 *
 * <h2>Missing and empty tiles</h2>
 * A WISE tile without a Gaia file (NO_GAIA) or with a zero-row Gaia file (EMPTY_GAIA: a tile of 3.4 deg² holds
 * thousands of Gaia sources anywhere on the sky, so an empty one is a broken download) is reported and left
 * unmatched, never treated as all orphans. Where a neighbour has no Gaia file, the
 * Downloader's {@code margin/gaia_hpNNNNN.parquet} of the tile (its rows within 60″ by default) stands in for it;
 * a neighbour's Gaia file with zero rows or that cannot be read counts as missing too. Without a margin file, a tile
 * whose neighbours have no (usable) Gaia file
 * is matched and flagged, since sources within R of that border may be false orphans. The summary table has one row
 * per tile with its status.
 *
 * <p>This class checks the directories and runs the tiles in order. One tile's matching with its neighbours and margin
 * is {@link TileNeighbourhood}; the resume record is {@link TileRecord}; the summary rows, the totals and the merge
 * into {@code orphans.parquet} are {@link TileSummary}.
 */
public final class TiledMatch {

    private static final Healpix TILES = TileNeighbourhood.TILES;

    /**
     * The reasons a WISE row of a matched tile is not used, each a column {@link #wiseDropColumn} of the summary (their
     * sum is {@code n_dropped_wise}): so that a tile's rows add up, by reason, to its orphans, its matched rows and its
     * drops, in the table and in the pipeline's funnel, which reads them back from the summary's file.
     */
    public static final List<DropReason> WISE_DROP_REASONS = List.of(DropReason.NONFINITE_POSITION,
            DropReason.POSITION_OUT_OF_RANGE, DropReason.WRONG_TILE, DropReason.DUPLICATE);

    /** The summary's column of the WISE rows dropped for {@code r}: {@code n_dropped_wise_duplicate}. */
    public static String wiseDropColumn(DropReason r) {
        return "n_dropped_wise_" + r.name().toLowerCase(Locale.ROOT);
    }

    private final CrossMatcher matcher;
    private final double marginArcsec;
    private final Progress progress;

    private TiledMatch(CrossMatcher matcher, double marginArcsec, Progress progress) {
        this.matcher = matcher;
        this.marginArcsec = marginArcsec;
        this.progress = progress;
    }

    /** Tiled orphans with {@code matcher}'s radius, propagation and columns; the margin is max(radius, 60″). */
    public static TiledMatch of(CrossMatcher matcher) {
        return new TiledMatch(matcher, Math.max(matcher.radiusArcsec(), 60), Progress.byDefault());
    }

    /** Reports tiles done to {@code p} (a console bar, a notebook line). */
    public TiledMatch progress(Progress p) {
        return new TiledMatch(matcher, marginArcsec, p == null ? Progress.NONE : p);
    }

    /** The margin in arcsec (at least the match radius). */
    public TiledMatch margin(double arcsec) {
        if (!(arcsec >= matcher.radiusArcsec() && arcsec <= 3600)) {
            throw new TasniException("margin must be between the radius (" + matcher.radiusArcsec() + "″) and 3600″ (got "
                    + arcsec + ").");
        }
        return new TiledMatch(matcher, arcsec, progress);
    }

    /**
     * What a {@link #run} did: tiles by status, tiles recomputed because their options or inputs changed, orphans
     * written, tiles flagged for a neighbour without a Gaia file, the rows not used by reason (WISE, and Gaia of the
     * tiles' own files), and the seconds spent matching (resumed tiles count zero).
     */
    public record Report(int tiles, int ok, int doneBefore, int noGaia, int emptyGaia, int error, int recomputed,
            long orphans, int flagged, Map<DropReason, Long> wiseDropped, Map<DropReason, Long> gaiaDropped,
            double matchSeconds) implements TableReport {

        /** Tiles not matched, not in {@code orphans.parquet}: NO_GAIA, EMPTY_GAIA and ERROR. */
        public int notMatched() {
            return noGaia + emptyGaia + error;
        }

        @Override
        public String toString() {
            return String.format("tiles: %d matched, %d done before, %d not matched; %,d orphans", ok, doneBefore,
                    notMatched(), orphans);
        }
    }

    /**
     * Matches every WISE tile in {@code tilesDir}, writing {@code orphans_hpNNNNN.parquet} and the merged
     * {@code orphans.parquet} into {@code outDir}.
     *
     * @return one row per tile: {@code tile, status, n_wise, n_gaia, n_margin, n_orphans, missing_neighbours,
     *         n_dropped_wise, n_dropped_wise_<reason>… (nonfinite_position, position_out_of_range, wrong_tile,
     *         duplicate), n_dropped_gaia, recomputed, seconds, message}; the drops by reason over all tiles are in
     *         {@link #wiseDropped()} and {@link #gaiaDropped()}, and the totals in {@code result.report()}
     */
    public ResultTable<Report> run(Path tilesDir, Path outDir) {
        TreeMap<Long, Path> wise = TileLayout.list(tilesDir, TileLayout.WISE);
        if (wise.isEmpty()) {
            throw new TasniException(tilesDir + ": no wise_hpNNNNN.parquet tiles found.");
        }
        // every name is checked before any tile is matched: a bad one found after hours of work wastes them
        for (var e : wise.entrySet()) {
            if (e.getKey() >= TILES.npix()) {
                throw new TasniException(e.getValue() + ": HEALPix pixel " + e.getKey() + " is outside [0, " + TILES.npix()
                        + ") at nside 32; is it a tile of this layout (nside 32, nested)?");
            }
        }
        refuseMixedColumns(wise);
        lastIgnored = lookAlikes(tilesDir);
        refuseInputs(tilesDir, outDir, wise);
        TileSummary summary = new TileSummary();
        progress.onStart("crossmatch tiles", wise.size());
        try {
            runTiles(wise, tilesDir, outDir, summary);
        } finally {
            progress.onDone();
        }
        summary.merge(outDir);
        lastWiseDropped = summary.wiseDrops.snapshot();
        lastGaiaDropped = summary.gaiaDrops.snapshot();
        return new ResultTable<>(summary.toTable(), summary.report());
    }

    /**
     * Refuses WISE tiles whose columns differ in name, order or type. {@code orphans.parquet} holds every tile's orphans
     * (all their columns) in one table: a tile made from a CSV (float64 magnitudes) beside downloaded ones (float32)
     * failed that merge after every tile had been matched, naming neither tile. Read from the footers, before any
     * tile is matched.
     */
    private static void refuseMixedColumns(TreeMap<Long, Path> wise) {
        Path firstFile = null;
        Table first = null;
        for (Path f : wise.values()) {
            Table t;
            try {
                t = ParquetIO.schema(f);
            } catch (TasniException e) {
                continue; // an unreadable tile fails alone, as ERROR in its row, when it is matched
            }
            if (first == null) {
                first = t;
                firstFile = f;
                continue;
            }
            String firstName = firstFile.getFileName().toString();
            SameColumns.inOrder(first, firstName, t).ifPresent(differs -> {
                throw new TasniException(f + ": " + differs + ". orphans.parquet holds every tile's orphans in one "
                        + "table, so every WISE tile needs the same columns, in the same order, of the same types.");
            });
        }
    }

    private volatile Map<DropReason, Long> lastWiseDropped = Map.of(), lastGaiaDropped = Map.of();
    private volatile List<Path> lastIgnored = List.of();

    /**
     * Files of the last {@link #run}'s tile directory that look like tiles but are not named
     * {@code wise_hpNNNNN.parquet}/{@code gaia_hpNNNNN.parquet} (5 digits, lower case), so were not read: e.g.
     * {@code wise_hp6045.parquet} or {@code WISE_HP06047.parquet}. The CLI lists them in a warning.
     */
    public List<Path> ignoredFiles() {
        return lastIgnored;
    }

    private static final Pattern LOOKS_LIKE_TILE =
            Pattern.compile("(?i)(wise|gaia)[_-]?hp.*\\.parquet");

    private static List<Path> lookAlikes(Path tilesDir) {
        try (Stream<Path> s = Files.list(tilesDir)) {
            return s.filter(p -> LOOKS_LIKE_TILE.matcher(p.getFileName().toString()).matches())
                    .filter(p -> TileLayout.pixelOf(TileLayout.WISE, p).isEmpty()
                            && TileLayout.pixelOf(TileLayout.GAIA, p).isEmpty())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** WISE rows not used by the last {@link #run}, by reason, over all its matched and resumed tiles. */
    public Map<DropReason, Long> wiseDropped() {
        return lastWiseDropped;
    }

    /** Gaia rows of the tiles' own files not used by the last {@link #run}, by reason. */
    public Map<DropReason, Long> gaiaDropped() {
        return lastGaiaDropped;
    }

    /**
     * Refuses, before anything is read, an output directory that is the tile directory or its margin folder, lies
     * under a file, or holds an output path that is a link to an input.
     */
    private static void refuseInputs(Path tilesDir, Path outDir, TreeMap<Long, Path> wise) {
        OutputPaths.requireDirectory(outDir);
        for (Path in : List.of(tilesDir, TileLayout.marginDir(tilesDir))) {
            if (OutputPaths.sameFile(outDir, in)) {
                throw new TasniException(outDir + ": the output directory is the tile directory " + in
                        + "; refusing to write results among the inputs. Give another --out.");
            }
        }
        if (!Files.isDirectory(outDir)) {
            return;
        }
        Set<Object> inputKeys = new HashSet<>();
        for (Path dir : List.of(tilesDir, TileLayout.marginDir(tilesDir))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).forEach(p -> inputKeys.add(fileKey(p)));
                } catch (IOException e) {
                    throw new TasniException(dir + ": cannot list (" + e.getMessage() + ").", e);
                }
            }
        }
        List<Path> outs = new ArrayList<>(List.of(TileLayout.DataFile.ORPHANS.in(outDir)));
        for (long t : wise.keySet()) {
            outs.add(outputPath(outDir, t));
            outs.add(recordPath(outDir, t));
        }
        for (Path o : outs) {
            if (Files.exists(o) && inputKeys.contains(fileKey(o))) {
                throw new TasniException(o + ": this output is a link to one of the input tiles in " + tilesDir
                        + "; refusing to overwrite an input. Give another --out.");
            }
        }
    }

    private static Object fileKey(Path p) {
        try {
            Object k = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return k != null ? k : p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static Path outputPath(Path outDir, long tile) {
        return TileLayout.orphansTile(outDir, tile);
    }

    private static Path recordPath(Path outDir, long tile) {
        return TileLayout.orphansRecord(outDir, tile);
    }

    private void runTiles(TreeMap<Long, Path> wise, Path tilesDir, Path outDir, TileSummary summary) {
        int done = 0;
        String config = config(tilesDir);
        TileNeighbourhood neighbourhood = new TileNeighbourhood(matcher, marginArcsec);
        for (var e : wise.entrySet()) {
            progress.onProgress(done++);
            long tile = e.getKey();
            long t0 = System.nanoTime();
            Path out = outputPath(outDir, tile);
            Path record = recordPath(outDir, tile);
            Path gaiaFile = TileNeighbourhood.gaiaPath(tilesDir, tile);
            Map<String, String> inputs = TileRecord.identities(tilesDir, neighbourhood.inputFiles(tilesDir, tile));
            boolean recomputed = false;
            if (Files.exists(out)) {
                TileRecord old = TileRecord.read(record);
                if (old != null && old.reusable(config, inputs, out)) {
                    summary.add(tile, TileStatus.DONE_BEFORE, old.counts(), false, 0, old.message(), old.wiseDropped(),
                            old.gaiaDropped());
                    continue;
                }
                recomputed = true; // other options, other inputs, or no record: the old output cannot be trusted
            }
            try {
                if (!Files.exists(gaiaFile)) {
                    summary.add(tile, TileStatus.NO_GAIA, new int[] {(int) ParquetIO.rowCount(e.getValue()), 0, 0, -1, 0},
                            recomputed, 0, "no " + gaiaFile.getFileName() + ": not matched", Map.of(), Map.of());
                    continue;
                }
                if (ParquetIO.rowCount(gaiaFile) == 0) {
                    summary.add(tile, TileStatus.EMPTY_GAIA, new int[] {(int) ParquetIO.rowCount(e.getValue()), 0, 0, -1, 0},
                            recomputed, 0, gaiaFile.getFileName() + " has no rows (a broken download?): not matched, "
                                    + "download it again", Map.of(), Map.of());
                    continue;
                }
                TileNeighbourhood.TileResult r = neighbourhood.match(tile, e.getValue(), tilesDir);
                String msg = r.missingNeighbours() > 0 ? r.missingNeighbours() + " neighbouring tile(s) have no Gaia file (or an empty or unreadable one):"
                        + " sources within R of those borders may be false orphans" : "";
                int[] counts = {r.nWise(), r.nGaia(), r.nMargin(), r.orphans().rowCount(), r.missingNeighbours()};
                // the record goes first so that a run killed between the two writes leaves an output without one
                Files.deleteIfExists(record);
                TableIO.write(r.orphans(), out);
                new TileRecord(config, inputs, TileRecord.identity(out), counts, msg, r.wiseDropped(), r.gaiaDropped()).write(record);
                summary.add(tile, TileStatus.OK, counts, recomputed, (System.nanoTime() - t0) / 1e9, msg, r.wiseDropped(),
                        r.gaiaDropped());
            } catch (TasniException ex) {
                // the WISE rows are counted where the WISE file can be read (the Gaia file or a neighbour's failed):
                // the rows of a tile not matched are part of the input like those of a tile without Gaia
                summary.add(tile, TileStatus.ERROR, new int[] {rowsOrUnknown(e.getValue()), -1, -1, -1, 0}, recomputed,
                        (System.nanoTime() - t0) / 1e9, ex.getMessage(), Map.of(), Map.of());
            } catch (IOException ex) {
                throw new TasniException(record + ": cannot replace the tile's record (" + ex.getMessage() + ").", ex);
            }
        }
        progress.onProgress(done);
    }

    /** The rows of a tile file, or −1 (unknown) where it cannot be read. */
    private static int rowsOrUnknown(Path file) {
        try {
            return (int) ParquetIO.rowCount(file);
        } catch (TasniException unreadable) {
            return -1;
        }
    }

    /**
     * The settings a tile's result depends on (not the backend or threads). The version changes when what a record
     * holds changes meaning: v2, n_wise and n_gaia count the files' rows (v1's left out rows of another pixel); v3, a
     * WISE row whose id an earlier row of the tile has is dropped as DUPLICATE (v2's outputs kept it, an orphan twice).
     */
    private String config(Path tilesDir) {
        return "v3 " + matcher.configKey() + " margin=" + marginArcsec + " tiles="
                + tilesDir.toAbsolutePath().normalize();
    }
}
