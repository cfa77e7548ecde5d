package org.tasni.crossmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.io.ParquetIO;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.sky.Healpix;
import org.tasni.sky.ProperMotion;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
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
 * without one, a tile whose neighbours have no Gaia file
 * is matched and flagged, since sources within R of that border may be false orphans. The summary table has one row
 * per tile with its status.
 */
public final class TiledMatch {

    private static final Pattern WISE = Pattern.compile("wise_hp(\\d{5})\\.parquet");
    private static final Healpix TILES = Healpix.nside(32);

    private final CrossMatcher matcher;
    private final double marginArcsec;
    private final org.tasni.Progress progress;

    private TiledMatch(CrossMatcher matcher, double marginArcsec, org.tasni.Progress progress) {
        this.matcher = matcher;
        this.marginArcsec = marginArcsec;
        this.progress = progress;
    }

    public static TiledMatch of(CrossMatcher matcher) {
        return new TiledMatch(matcher, Math.max(matcher.radiusArcsec(), 60), org.tasni.Progress.NONE);
    }

    /** Reports tiles done to {@code p} (a console bar, a notebook line). */
    public TiledMatch progress(org.tasni.Progress p) {
        return new TiledMatch(matcher, marginArcsec, p == null ? org.tasni.Progress.NONE : p);
    }

    /** The margin in arcsec (at least the match radius). */
    public TiledMatch margin(double arcsec) {
        if (!(arcsec >= matcher.radiusArcsec() && arcsec <= 3600)) {
            throw new TasniException("margin must be between the radius (" + matcher.radiusArcsec() + "″) and 3600″ (got "
                    + arcsec + ").");
        }
        return new TiledMatch(matcher, arcsec, progress);
    }

    /** Status of one tile in the summary. */
    public enum Status {
        /** matched and written */
        OK,
        /** its output and a record of the same configuration and inputs existed (resume) */
        DONE_BEFORE,
        /** a WISE file but no Gaia file: not matched, reported */
        NO_GAIA,
        /** a zero-row Gaia file (a broken download): not matched, reported like a missing one */
        EMPTY_GAIA,
        /** the tile failed; the message says why; it is retried on the next run */
        ERROR
    }

    /**
     * Matches every WISE tile in {@code tilesDir}, writing {@code orphans_hpNNNNN.parquet} and the merged
     * {@code orphans.parquet} into {@code outDir}.
     *
     * @return one row per tile: {@code tile, status, n_wise, n_gaia, n_margin, n_orphans, missing_neighbours,
     *         n_dropped_wise, n_dropped_gaia, recomputed, seconds, message}; the drops by reason are in
     *         {@link #wiseDropped()} and {@link #gaiaDropped()}
     */
    public Table run(Path tilesDir, Path outDir) {
        TreeMap<Long, Path> wise = new TreeMap<>();
        try (Stream<Path> s = Files.list(tilesDir)) {
            s.forEach(p -> {
                Matcher m = WISE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    wise.put(Long.parseLong(m.group(1)), p);
                }
            });
        } catch (IOException e) {
            throw new TasniException(tilesDir + ": cannot list the tile directory (" + e.getMessage() + ").", e);
        }
        if (wise.isEmpty()) {
            throw new TasniException(tilesDir + ": no wise_hpNNNNN.parquet tiles found.");
        }
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
        return summary.toTable();
    }

    private volatile Map<DropReason, Long> lastWiseDropped = Map.of(), lastGaiaDropped = Map.of();

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
        for (Path in : List.of(tilesDir, tilesDir.resolve("margin"))) {
            if (outDir.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize()) || sameFile(outDir, in)) {
                throw new TasniException(outDir + ": the output directory is the tile directory " + in
                        + "; refusing to write results among the inputs. Give another --out.");
            }
        }
        if (!Files.isDirectory(outDir)) {
            return;
        }
        java.util.Set<Object> inputKeys = new java.util.HashSet<>();
        for (Path dir : List.of(tilesDir, tilesDir.resolve("margin"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).forEach(p -> inputKeys.add(fileKey(p)));
                } catch (IOException e) {
                    throw new TasniException(dir + ": cannot list (" + e.getMessage() + ").", e);
                }
            }
        }
        List<Path> outs = new ArrayList<>(List.of(outDir.resolve("orphans.parquet")));
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

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Object fileKey(Path p) {
        try {
            Object k = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return k != null ? k : p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static Path outputPath(Path outDir, long tile) {
        return outDir.resolve(String.format("orphans_hp%05d.parquet", tile));
    }

    private static Path recordPath(Path outDir, long tile) {
        return outDir.resolve(String.format("orphans_hp%05d.run.json", tile));
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
                    summary.add(tile, Status.DONE_BEFORE, old.counts, false, 0, old.message, old.wiseDropped,
                            old.gaiaDropped);
                    continue;
                }
                recomputed = true; // other options, other inputs, or no record: the old output cannot be trusted
            }
            try {
                if (!Files.exists(gaiaFile)) {
                    summary.add(tile, Status.NO_GAIA, new int[] {(int) ParquetIO.rowCount(e.getValue()), 0, 0, -1, 0},
                            recomputed, 0, "no " + gaiaFile.getFileName() + ": not matched", Map.of(), Map.of());
                    continue;
                }
                if (ParquetIO.rowCount(gaiaFile) == 0) {
                    summary.add(tile, Status.EMPTY_GAIA, new int[] {(int) ParquetIO.rowCount(e.getValue()), 0, 0, -1, 0},
                            recomputed, 0, gaiaFile.getFileName() + " has no rows (a broken download?): not matched, "
                                    + "download it again", Map.of(), Map.of());
                    continue;
                }
                TileResult r = matchTile(tile, e.getValue(), tilesDir);
                String msg = r.missingNeighbours > 0 ? r.missingNeighbours + " neighbouring tile(s) have no Gaia file:"
                        + " sources within R of those borders may be false orphans" : "";
                int[] counts = {r.nWise, r.nGaia, r.nMargin, r.orphans.rowCount(), r.missingNeighbours};
                // the record goes first so that a run killed between the two writes leaves an output without one
                Files.deleteIfExists(record);
                TableIO.write(r.orphans, out);
                new TileRecord(config, inputs, identity(out), counts, msg, r.wiseDropped, r.gaiaDropped).write(record);
                summary.add(tile, Status.OK, counts, recomputed, (System.nanoTime() - t0) / 1e9, msg, r.wiseDropped,
                        r.gaiaDropped);
            } catch (TasniException ex) {
                summary.add(tile, Status.ERROR, new int[] {-1, -1, -1, -1, 0}, recomputed,
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
        List<Path> files = new ArrayList<>(List.of(dir.resolve(String.format("wise_hp%05d.parquet", tile)),
                gaiaPath(dir, tile), dir.resolve("margin").resolve(gaiaPath(dir, tile).getFileName())));
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
            var a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
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
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("config", config);
            m.put("inputs", inputs);
            m.put("output", output); // the tile's orphans file as written: replaced or touched since, not reused
            m.put("counts", counts);
            m.put("message", message);
            m.put("wise_dropped", keys(wiseDropped));
            m.put("gaia_dropped", keys(gaiaDropped));
            org.tasni.io.AtomicFiles.write(path, tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m));
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
            Map<DropReason, Long> m = new java.util.EnumMap<>(DropReason.class);
            n.fields().forEachRemaining(f -> m.put(DropReason.valueOf(f.getKey()), f.getValue().asLong()));
            return m;
        }
    }

    private static Path gaiaPath(Path dir, long tile) {
        return dir.resolve(String.format("gaia_hp%05d.parquet", tile));
    }

    private record TileResult(Table orphans, int nWise, int nGaia, int nMargin, int missingNeighbours,
            Map<DropReason, Long> wiseDropped, Map<DropReason, Long> gaiaDropped) {}

    private TileResult matchTile(long tile, Path wiseFile, Path dir) {
        List<String> cols = gaiaColumns();
        DropCounts wiseDrops = new DropCounts(), gaiaDrops = new DropCounts();
        Table wise = ownRows(TableIO.read(wiseFile), wiseFile, tile, matcher.leftPositionColumns(), wiseDrops);
        Path gaiaFile = gaiaPath(dir, tile);
        Table gaia = ownRows(TableIO.read(gaiaFile, cols.toArray(String[]::new)), gaiaFile, tile,
                matcher.rightColumnNames(), gaiaDrops);
        int nGaia = gaia.rowCount();
        double[] c = TILES.pix2ang(tile);
        int missing = 0;
        int nMargin = 0;
        org.tasni.sky.TileMargin margin = new org.tasni.sky.TileMargin(tile, marginArcsec);
        // the Downloader keeps each tile's margin rows in margin/: they stand in for neighbours not downloaded
        Path marginFile = dir.resolve("margin").resolve(gaiaPath(dir, tile).getFileName());
        boolean haveMarginFile = Files.exists(marginFile);
        java.util.Set<Long> absent = new java.util.HashSet<>();
        for (long nb : TILES.queryDisc(c[0], c[1], reachDeg())) {
            if (nb == tile) {
                continue;
            }
            Path f = gaiaPath(dir, nb);
            if (!Files.exists(f)) {
                absent.add(nb);
                if (isNeighbour(tile, nb) && !haveMarginFile) {
                    missing++;
                }
                continue;
            }
            // a neighbour's rows outside its own pixel are not taken (they are counted when that tile is matched)
            Table other = ownRows(TableIO.read(f, cols.toArray(String[]::new)), f, nb, matcher.rightColumnNames(), null);
            Table near = other.where(marginRows(other, margin));
            nMargin += near.rowCount();
            gaia.append(near);
        }
        if (!absent.isEmpty() && haveMarginFile) {
            Table other = TableIO.read(marginFile, cols.toArray(String[]::new));
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
        Table orphans = matched.setName(String.format("orphans_hp%05d.parquet", tile));
        rep.leftDropped().forEach(wiseDrops::add);
        rep.rightDropped().forEach(gaiaDrops::add);
        return new TileResult(orphans, wise.rowCount(), nGaia, nMargin, missing, wiseDrops.snapshot(),
                gaiaDrops.snapshot());
    }

    private static boolean onSky(double ra, double dec) {
        return ra >= 0 && ra <= 360 && dec >= -90 && dec <= 90;
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
    private BitmapBackedSelection marginRows(Table t, org.tasni.sky.TileMargin margin) {
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
        for (int k = 0; k < summary.tile.size(); k++) {
            Status st = summary.status.get(k);
            if (st == Status.OK || st == Status.DONE_BEFORE) {
                parts.add(outputPath(outDir, summary.tile.get(k)));
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
                        w[0] = ParquetIO.writer(part, outDir.resolve("orphans.parquet"), ParquetIO.DEFAULT_ROW_GROUP_BYTES);
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

    private static final class Summary {
        final List<Long> tile = new ArrayList<>();
        final List<Status> status = new ArrayList<>();
        final List<int[]> counts = new ArrayList<>();
        final List<long[]> dropped = new ArrayList<>();
        final List<Boolean> recomputed = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        final List<String> message = new ArrayList<>();
        final DropCounts wiseDrops = new DropCounts(), gaiaDrops = new DropCounts();

        /** counts: n_wise, n_gaia, n_margin, n_orphans, missing_neighbours (−1 for unknown). */
        void add(long t, Status s, int[] c, boolean recomp, double sec, String msg, Map<DropReason, Long> wiseD,
                Map<DropReason, Long> gaiaD) {
            tile.add(t);
            status.add(s);
            counts.add(c.clone());
            wiseD.forEach(wiseDrops::add);
            gaiaD.forEach(gaiaDrops::add);
            dropped.add(new long[] {sum(wiseD), sum(gaiaD)});
            recomputed.add(recomp);
            seconds.add(sec);
            message.add(msg);
        }

        private static long sum(Map<DropReason, Long> d) {
            return d.values().stream().mapToLong(Long::longValue).sum();
        }

        Table toTable() {
            int n = tile.size();
            IntColumn[] cs = {IntColumn.create("n_wise"), IntColumn.create("n_gaia"), IntColumn.create("n_margin"),
                IntColumn.create("n_orphans"), IntColumn.create("missing_neighbours")};
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < cs.length; j++) {
                    int v = counts.get(k)[j];
                    if (v < 0) {
                        cs[j].appendMissing();
                    } else {
                        cs[j].append(v);
                    }
                }
            }
            Table t = Table.create("tiles", LongColumn.create("tile", tile.stream().mapToLong(Long::longValue).toArray()),
                    StringColumn.create("status", status.stream().map(Enum::name).toList()));
            t.addColumns(cs);
            t.addColumns(LongColumn.create("n_dropped_wise", dropped.stream().mapToLong(d -> d[0]).toArray()),
                    LongColumn.create("n_dropped_gaia", dropped.stream().mapToLong(d -> d[1]).toArray()),
                    BooleanColumn.create("recomputed", recomputed),
                    DoubleColumn.create("seconds", seconds.stream().mapToDouble(Double::doubleValue).toArray()),
                    StringColumn.create("message", message));
            return t;
        }
    }
}
