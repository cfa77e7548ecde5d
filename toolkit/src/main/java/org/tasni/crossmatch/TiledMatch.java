package org.tasni.crossmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.io.ParquetIO;
import org.tasni.io.RecordTables;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TableReport;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import org.tasni.sky.Healpix;
import org.tasni.sky.ProperMotion;
import org.tasni.sky.TileMargin;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;

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
 * stored, at the file's own epoch, before any propagation.
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
 */
public final class TiledMatch {

    private static final Healpix TILES = Healpix.nside(32);

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
     *         n_dropped_wise, n_dropped_gaia, recomputed, seconds, message}; the drops by reason are in
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
        lastIgnored = lookAlikes(tilesDir);
        refuseInputs(tilesDir, outDir, wise);
        Summary summary = new Summary();
        progress.onStart("crossmatch tiles", wise.size());
        try {
            runTiles(wise, tilesDir, outDir, summary);
        } finally {
            progress.onDone();
        }
        merge(summary, outDir);
        lastWiseDropped = summary.wiseDrops.snapshot();
        lastGaiaDropped = summary.gaiaDrops.snapshot();
        return new ResultTable<>(summary.toTable(), summary.report());
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

    private void runTiles(TreeMap<Long, Path> wise, Path tilesDir, Path outDir, Summary summary) {
        int done = 0;
        String config = config(tilesDir);
        for (var e : wise.entrySet()) {
            progress.onProgress(done++);
            long tile = e.getKey();
            long t0 = System.nanoTime();
            Path out = outputPath(outDir, tile);
            Path record = recordPath(outDir, tile);
            Path gaiaFile = gaiaPath(tilesDir, tile);
            Map<String, String> inputs = inputIdentities(tile, tilesDir);
            boolean recomputed = false;
            if (Files.exists(out)) {
                TileRecord old = TileRecord.read(record);
                if (old != null && old.config.equals(config) && old.inputs.equals(inputs)
                        && old.output.equals(identity(out))) {
                    summary.add(tile, TileStatus.DONE_BEFORE, old.counts, false, 0, old.message, old.wiseDropped,
                            old.gaiaDropped);
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
                TileResult r = matchTile(tile, e.getValue(), tilesDir);
                String msg = r.missingNeighbours > 0 ? r.missingNeighbours + " neighbouring tile(s) have no Gaia file (or an empty or unreadable one):"
                        + " sources within R of those borders may be false orphans" : "";
                int[] counts = {r.nWise, r.nGaia, r.nMargin, r.orphans.rowCount(), r.missingNeighbours};
                // the record goes first so that a run killed between the two writes leaves an output without one
                Files.deleteIfExists(record);
                TableIO.write(r.orphans, out);
                new TileRecord(config, inputs, identity(out), counts, msg, r.wiseDropped, r.gaiaDropped).write(record);
                summary.add(tile, TileStatus.OK, counts, recomputed, (System.nanoTime() - t0) / 1e9, msg, r.wiseDropped,
                        r.gaiaDropped);
            } catch (TasniException ex) {
                summary.add(tile, TileStatus.ERROR, new int[] {-1, -1, -1, -1, 0}, recomputed,
                        (System.nanoTime() - t0) / 1e9, ex.getMessage(), Map.of(), Map.of());
            } catch (IOException ex) {
                throw new TasniException(record + ": cannot replace the tile's record (" + ex.getMessage() + ").", ex);
            }
        }
        progress.onProgress(done);
    }

    /** The settings a tile's result depends on (not the backend or threads). */
    private String config(Path tilesDir) {
        return "v1 " + matcher.configKey() + " margin=" + marginArcsec + " tiles="
                + tilesDir.toAbsolutePath().normalize();
    }

    /**
     * Size and mtime of every file the tile reads or looked for (absent ones as "absent", so that downloading a
     * missing neighbour changes the identity), by path relative to the tile directory.
     */
    private Map<String, String> inputIdentities(long tile, Path dir) {
        Map<String, String> m = new TreeMap<>();
        List<Path> files = new ArrayList<>(List.of(TileLayout.tileFile(dir, TileLayout.WISE, tile),
                gaiaPath(dir, tile), TileLayout.marginFile(dir, TileLayout.GAIA, tile)));
        double[] c = TILES.pix2ang(tile);
        for (long nb : TILES.queryDisc(c[0], c[1], reachDeg())) {
            files.add(gaiaPath(dir, nb));
        }
        for (Path f : files) {
            m.put(dir.relativize(f).toString(), identity(f));
        }
        return m;
    }

    /** "SIZE bytes, mtime MILLIS", or "absent". */
    private static String identity(Path f) {
        try {
            var a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.size() + " bytes, mtime " + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "absent";
        }
    }

    /** Tiles within reach: any point of the tile is within maxPixRad of its centre, plus margin and motion. */
    private double reachDeg() {
        return TILES.maxPixRadDeg() + marginArcsec / 3600 + maxMotionDeg();
    }

    /** What a tile's run produced and from what: {@code orphans_hpNNNNN.run.json}. */
    private record TileRecord(String config, Map<String, String> inputs, String output, int[] counts, String message,
            Map<DropReason, Long> wiseDropped, Map<DropReason, Long> gaiaDropped) {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

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

        private static Map<DropReason, Long> drops(com.fasterxml.jackson.databind.JsonNode n) {
            Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
            n.fields().forEachRemaining(f -> m.put(DropReason.valueOf(f.getKey()), f.getValue().asLong()));
            return m;
        }
    }

    private static Path gaiaPath(Path dir, long tile) {
        return TileLayout.tileFile(dir, TileLayout.GAIA, tile);
    }

    private record TileResult(Table orphans, int nWise, int nGaia, int nMargin, int missingNeighbours,
            Map<DropReason, Long> wiseDropped, Map<DropReason, Long> gaiaDropped) {}

    private TileResult matchTile(long tile, Path wiseFile, Path dir) {
        List<String> cols = gaiaColumns();
        DropCounts wiseDrops = new DropCounts(), gaiaDrops = new DropCounts();
        Table wise = ownRows(TableIO.read(wiseFile), wiseFile, tile, matcher.leftPositionColumns(), wiseDrops);
        Path gaiaFile = gaiaPath(dir, tile);
        Table gaia = ownRows(readColumns(gaiaFile, cols), gaiaFile, tile,
                matcher.rightColumnNames(), gaiaDrops);
        int nGaia = gaia.rowCount();
        double[] c = TILES.pix2ang(tile);
        int missing = 0;
        int nMargin = 0;
        TileMargin margin = new TileMargin(tile, marginArcsec);
        // the Downloader keeps each tile's margin rows in margin/: they stand in for neighbours not downloaded
        Path marginFile = TileLayout.marginFile(dir, TileLayout.GAIA, tile);
        boolean haveMarginFile = Files.exists(marginFile);
        Set<Long> absent = new HashSet<>();
        for (long nb : TILES.queryDisc(c[0], c[1], reachDeg())) {
            if (nb == tile) {
                continue;
            }
            Path f = gaiaPath(dir, nb);
            if (!usable(f)) { // absent, zero rows or unreadable: its margin rows are missing all the same
                absent.add(nb);
                if (isNeighbour(tile, nb) && !haveMarginFile) {
                    missing++;
                }
                continue;
            }
            // a neighbour's rows outside its own pixel are not taken (they are counted when that tile is matched)
            Table other = ownRows(readColumns(f, cols), f, nb, matcher.rightColumnNames(), null);
            Table near = other.where(marginRows(other, margin));
            nMargin += near.rowCount();
            gaia.append(near);
        }
        if (!absent.isEmpty() && haveMarginFile) {
            Table other = readColumns(marginFile, cols);
            PositionColumns rc = matcher.rightColumnNames();
            double[] ra = Columns.doubles(other, rc.ra()), dec = Columns.doubles(other, rc.dec());
            BitmapBackedSelection fromAbsent = new BitmapBackedSelection();
            for (int i = 0; i < ra.length; i++) {
                if (onSky(ra[i], dec[i]) && absent.contains(TILES.ang2pix(ra[i], dec[i]))) {
                    fromAbsent.add(i);
                }
            }
            Table candidates = other.where(fromAbsent);
            Table near = candidates.where(marginRows(candidates, margin));
            nMargin += near.rowCount();
            gaia.append(near);
        }
        ResultTable<MatchReport> matched = matcher.orphans(wise, gaia.setName(gaiaFile.getFileName().toString()));
        MatchReport rep = matched.report();
        Table orphans = matched.setName(TileLayout.tileFileName(TileLayout.ORPHANS, tile));
        rep.leftDropped().forEach(wiseDrops::add);
        rep.rightDropped().forEach(gaiaDrops::add);
        return new TileResult(orphans, wise.rowCount(), nGaia, nMargin, missing, wiseDrops.snapshot(),
                gaiaDrops.snapshot());
    }

    /**
     * A neighbour's Gaia file that can give margin rows: present, readable and not empty. A zero-row or unreadable one
     * is a broken download (EMPTY_GAIA or ERROR in its own tile), so it counts as a missing neighbour: the margin file
     * stands in for it, or the tile is flagged.
     */
    private static boolean usable(Path f) {
        if (!Files.exists(f)) {
            return false;
        }
        try {
            return ParquetIO.rowCount(f) > 0;
        } catch (TasniException e) {
            return false;
        }
    }

    /**
     * Reads {@code cols} of a Gaia file, matching the names without regard to case as {@code crossmatch} does (Tablesaw
     * looks columns up ignoring case): {@code --right-columns RA,DEC,SOURCE_ID} reads {@code ra, dec, source_id}.
     * A name the file lacks is left as asked, for the reader's error listing the file's columns.
     */
    private static Table readColumns(Path f, List<String> cols) {
        List<String> have = ParquetIO.columnNames(f);
        String[] names = new String[cols.size()];
        for (int k = 0; k < names.length; k++) {
            String want = cols.get(k);
            names[k] = have.contains(want) ? want
                    : have.stream().filter(h -> h.equalsIgnoreCase(want)).findFirst().orElse(want);
        }
        return TableIO.read(f, names);
    }

    private static boolean onSky(double ra, double dec) {
        return DropReason.ofPosition(ra, dec) == null;
    }

    /**
     * The rows of a tile file whose stored position is in the file's pixel. Rows outside are dropped and counted as
     * WRONG_TILE ({@code drops} null: silently, for a neighbour read as margin); rows with no usable position are kept
     * for the matcher to count. More than half the positioned rows elsewhere: the file is not that tile, refused
     * (for a neighbour too: its margin rows would be missing, the border's sources false orphans).
     */
    private static Table ownRows(Table t, Path file, long tile, PositionColumns cols, DropCounts drops) {
        double[] ra = Columns.doubles(t, cols.ra()), dec = Columns.doubles(t, cols.dec());
        BitmapBackedSelection keep = new BitmapBackedSelection();
        int positioned = 0, wrong = 0, first = -1;
        for (int i = 0; i < ra.length; i++) {
            if (!onSky(ra[i], dec[i])) {
                keep.add(i);
                continue;
            }
            positioned++;
            if (TILES.ang2pix(ra[i], dec[i]) == tile) {
                keep.add(i);
            } else if (wrong++ == 0) {
                first = i;
            }
        }
        if (wrong > 0 && 2L * wrong > positioned) {
            throw new TasniException(String.format("%s: %,d of %,d rows are outside HEALPix pixel %d (nside 32, nested)"
                    + " that the file is named for, e.g. data row %d (%s %s, %s %s) is in pixel %d; is it the right"
                    + " tile, or the right ra/dec columns?", file, wrong, positioned, tile, first + 1, cols.ra(), ra[first],
                    cols.dec(), dec[first], TILES.ang2pix(ra[first], dec[first])));
        }
        if (wrong == 0) {
            return t;
        }
        if (drops != null) {
            drops.add(DropReason.WRONG_TILE, wrong);
        }
        return t.where(keep).setName(t.name());
    }

    private static boolean isNeighbour(long tile, long other) {
        for (long n : TILES.neighbours(tile)) {
            if (n == other) {
                return true;
            }
        }
        return false;
    }

    /** The largest move propagation can make: the largest proper motion kept by the matcher over the epoch gap. */
    private double maxMotionDeg() {
        return matcher.isPropagating()
                ? CrossMatcher.MAX_PROPER_MOTION_MAS_YR / 1000 * Math.abs(matcher.epochGapYears()) / 3600 : 0;
    }

    private List<String> gaiaColumns() {
        List<String> cols = new ArrayList<>(matcher.rightColumnNames().names());
        if (matcher.isPropagating()) {
            cols.addAll(matcher.properMotionColumnNames().names());
        }
        return cols;
    }

    /** The rows of a neighbouring Gaia tile within the margin of {@code tile}, judged after propagation. */
    private BitmapBackedSelection marginRows(Table t, TileMargin margin) {
        PositionColumns rc = matcher.rightColumnNames();
        double[] ra = Columns.doubles(t, rc.ra()), dec = Columns.doubles(t, rc.dec());
        if (matcher.isPropagating()) {
            ProperMotionColumns pm = matcher.properMotionColumnNames();
            double[] pmra = Columns.doubles(t, pm.pmra()), pmdec = Columns.doubles(t, pm.pmdec());
            ProperMotion.propagate(ra, dec, pmra, pmdec, 0, matcher.epochGapYears(), ra, dec);
            for (int i = 0; i < ra.length; i++) {
                if (!MatchInput.isBelievable(pmra[i], pmdec[i]) && !Double.isNaN(pmra[i]) && !Double.isNaN(pmdec[i])) {
                    ra[i] = Double.NaN; // dropped by the matcher in its own tile; never a margin row here
                }
            }
        }
        BitmapBackedSelection sel = new BitmapBackedSelection();
        for (int i = 0; i < ra.length; i++) {
            if (onSky(ra[i], dec[i]) && margin.contains(ra[i], dec[i])) {
                sel.add(i);
            }
        }
        return sel;
    }

    /** Streams the per-tile outputs of the OK and resumed tiles into one file. */
    private void merge(Summary summary, Path outDir) {
        List<Path> parts = new ArrayList<>();
        for (TileRow row : summary.rows) {
            if (row.status().isDone()) {
                parts.add(outputPath(outDir, row.tile()));
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ParquetIO.Writer[] w = {null};
        try {
            for (Path p : parts) {
                ParquetIO.forEachRowGroup(p, List.of(), part -> {
                    if (w[0] == null) {
                        w[0] = ParquetIO.writer(part, TileLayout.DataFile.ORPHANS.in(outDir), ParquetIO.DEFAULT_ROW_GROUP_BYTES);
                    }
                    w[0].write(part);
                });
            }
            w[0].commit();
        } finally {
            if (w[0] != null) {
                w[0].close();
            }
        }
    }

    /**
     * One row of the summary. The counts are null (missing) where unknown: a tile not matched has no orphans count,
     * and a failed tile no counts at all.
     */
    private record TileRow(long tile, TileStatus status, Integer nWise, Integer nGaia, Integer nMargin, Integer nOrphans,
            Integer missingNeighbours, long nDroppedWise, long nDroppedGaia, boolean recomputed, double seconds,
            String message) {}

    private static final class Summary {
        final List<TileRow> rows = new ArrayList<>();
        final DropCounts wiseDrops = new DropCounts(), gaiaDrops = new DropCounts();

        /** counts: n_wise, n_gaia, n_margin, n_orphans, missing_neighbours (−1 for unknown). */
        void add(long t, TileStatus s, int[] c, boolean recomp, double sec, String msg, Map<DropReason, Long> wiseD,
                Map<DropReason, Long> gaiaD) {
            wiseD.forEach(wiseDrops::add);
            gaiaD.forEach(gaiaDrops::add);
            rows.add(new TileRow(t, s, known(c[0]), known(c[1]), known(c[2]), known(c[3]), known(c[4]), sum(wiseD),
                    sum(gaiaD), recomp, sec, msg));
        }

        private static Integer known(int v) {
            return v < 0 ? null : v;
        }

        private static long sum(Map<DropReason, Long> d) {
            return d.values().stream().mapToLong(Long::longValue).sum();
        }

        Table toTable() {
            return RecordTables.toTable("tiles", TileRow.class, rows);
        }

        Report report() {
            int[] by = new int[TileStatus.values().length];
            int recomputed = 0, flagged = 0;
            long orphans = 0;
            double seconds = 0;
            for (TileRow r : rows) {
                by[r.status().ordinal()]++;
                recomputed += r.recomputed() ? 1 : 0;
                flagged += r.missingNeighbours() != null && r.missingNeighbours() > 0 ? 1 : 0;
                orphans += r.nOrphans() == null ? 0 : r.nOrphans();
                seconds += r.seconds();
            }
            return new Report(rows.size(), by[TileStatus.OK.ordinal()], by[TileStatus.DONE_BEFORE.ordinal()],
                    by[TileStatus.NO_GAIA.ordinal()], by[TileStatus.EMPTY_GAIA.ordinal()], by[TileStatus.ERROR.ordinal()],
                    recomputed, orphans, flagged, wiseDrops.snapshot(), gaiaDrops.snapshot(), seconds);
        }
    }
}
